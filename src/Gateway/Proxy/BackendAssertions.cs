using Trachea.AuthEndpoints.Assertions;

namespace Trachea.Gateway.Proxy;

/// <summary>The identity assertion for one caller and audience: the cached one while it may be reused, else a fresh signature.</summary>
internal sealed class BackendAssertions(AssertionKeys keys, AssertionIssuer issuer, TimeProvider time)
{
    /// <returns>The compact JWS; null when no key can sign yet (the store was unreachable at start) or the token's exp has come.</returns>
    public string? For(GatewayIdentity identity, string audience)
    {
        var now = time.GetUtcNow();
        if (keys.Current.SignerAt(now) is not { } signer)
        {
            return null;
        }

        if (!AssertionCache.TryGet(identity, audience, signer, now, out var signed))
        {
            if (issuer.Issue(identity, audience, signer, now) is not { } issued)
            {
                return null;
            }

            AssertionCache.Add(identity, issued);
            signed = issued;
        }

        return issuer.Render(signed, identity);
    }
}
