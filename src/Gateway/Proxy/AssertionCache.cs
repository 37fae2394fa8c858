using Trachea.AuthEndpoints.Assertions;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// The signed assertions of each validated token, one per audience, so a token's requests share one signature
/// until its renewal time (docs/assertion.md, "Reuse"). They are kept on the token's <see cref="GatewayIdentity"/>
/// in compact form, as a list newest first, and collected with it, which bounds them by the validated tokens this
/// instance keeps; each token keeps at most <see cref="AudiencesPerToken"/> audiences, and a renewal signs the
/// same assertion again in place.
/// </summary>
internal static class AssertionCache
{
    public const int AudiencesPerToken = 4;

    /// <returns>The token's assertion for <paramref name="audience"/>; null before its first.</returns>
    public static SignedAssertion? Find(GatewayIdentity identity, string audience)
    {
        for (var assertion = identity.Assertions; assertion is not null; assertion = assertion.Next)
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

        // Readers walk the list as they find it; a writer adds in front and cuts what is past the limit. Two
        // requests that add the same audience at once both succeed, and the later head wins: either assertion is
        // valid, and one dropped only means another signature later.
        var added = new SignedAssertion(audience, signature, identity.Assertions);
        var kept = 1;
        for (var assertion = added; assertion is not null; assertion = assertion.Next, kept++)
        {
            if (kept == AudiencesPerToken)
            {
                assertion.Truncate();
            }
        }

        identity.Assertions = added;
        return added;
    }
}
