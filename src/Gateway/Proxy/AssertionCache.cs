using Trachea.AuthEndpoints.Assertions;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// The signed assertions of each validated token, one per audience, so a token's requests share one signature
/// while more than a fifth of its lifetime remains (docs/assertion.md, "Reuse"). They are kept on the token's
/// <see cref="GatewayIdentity"/> in compact form and collected with it, which bounds them by the validated tokens
/// this instance keeps; each token keeps at most <see cref="AudiencesPerToken"/> audiences, and a renewal signs
/// the same assertion again in place.
/// </summary>
internal static class AssertionCache
{
    public const int AudiencesPerToken = 4;

    /// <returns>The token's assertion for <paramref name="audience"/>; null before its first.</returns>
    public static SignedAssertion? Find(GatewayIdentity identity, string audience)
    {
        foreach (var assertion in identity.Assertions ?? [])
        {
            if (string.Equals(assertion.Audience, audience, StringComparison.Ordinal))
            {
                return assertion;
            }
        }

        return null;
    }

    /// <returns>The token's assertion for <paramref name="audience"/>, now signed with <paramref name="signature"/>.</returns>
    public static SignedAssertion Keep(GatewayIdentity identity, string audience, in AssertionSignature signature)
    {
        if (Find(identity, audience) is { } known)
        {
            known.Renew(signature);
            return known;
        }

        // Readers take the array as it is; writers replace it whole. Two requests that add the same audience at
        // once both succeed, and the later array wins: either assertion is valid.
        var added = new SignedAssertion(audience, signature);
        identity.Assertions = [added, .. (identity.Assertions ?? []).Take(AudiencesPerToken - 1)];
        return added;
    }
}
