using Trachea.AuthEndpoints.Assertions;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// The identity assertion for one caller and audience: the kept one while it may be reused (signed by the key that
/// signs now, before its renewal time), else a fresh signature: a renewal when it replaces the kept one from the
/// same key, a first assertion otherwise (<see cref="AssertionIssuer.Issue"/>).
/// </summary>
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

        var renewal = AssertionCache.TryFind(identity, audience, out var kept) && kept.Signer == signer;
        if (renewal && now < kept.RenewAt)
        {
            return issuer.Render(kept, identity, audience);
        }

        if (issuer.Issue(identity, audience, signer, now, renewal) is not { } signature)
        {
            return null;
        }

        AssertionCache.Keep(identity, audience, signature);
        return issuer.Render(signature, identity, audience);
    }
}
