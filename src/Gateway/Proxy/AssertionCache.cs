using System.Diagnostics.CodeAnalysis;
using Trachea.AuthEndpoints.Assertions;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// The signed assertions of each validated token, per audience, so a token's requests share one signature while
/// more than a fifth of its lifetime remains (docs/assertion.md, "Reuse"). They are kept on the token's
/// <see cref="GatewayIdentity"/> in compact form and collected with it, which bounds them by the validated tokens
/// this instance keeps; each token keeps at most <see cref="AudiencesPerToken"/> audiences. An entry signed by a
/// key that no longer signs is not answered, so a rotation or retirement takes effect at once.
/// </summary>
internal static class AssertionCache
{
    public const int AudiencesPerToken = 4;

    public static bool TryGet(GatewayIdentity identity, string audience, AssertionSigner signer, DateTimeOffset now, [NotNullWhen(true)] out SignedAssertion? assertion)
    {
        foreach (var entry in identity.Assertions ?? [])
        {
            if (entry.Signer == signer && now < entry.RenewAt && string.Equals(entry.Audience, audience, StringComparison.Ordinal))
            {
                assertion = entry;
                return true;
            }
        }

        assertion = null;
        return false;
    }

    public static void Add(GatewayIdentity identity, SignedAssertion assertion)
    {
        // Readers take the array as it is; writers replace it whole. Two requests that sign at once for one token
        // both succeed, and the later array wins: either assertion is valid.
        var others = (identity.Assertions ?? [])
            .Where(entry => !string.Equals(entry.Audience, assertion.Audience, StringComparison.Ordinal))
            .Take(AudiencesPerToken - 1);
        identity.Assertions = [assertion, .. others];
    }
}
