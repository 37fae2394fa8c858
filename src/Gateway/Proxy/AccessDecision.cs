namespace Trachea.Gateway.Proxy;

/// <summary>
/// What <see cref="RouteAccess"/> decided for one request. Allowed: an identity and no refusal. Refused: a refusal,
/// with the identity when the caller was authenticated (app, role or plan too low). Neither: no usable credential,
/// which the route's <c>Auth</c> settles (optional passes anonymously, a browser may be sent to sign in).
/// </summary>
/// <param name="SessionEnded">The session cookie named a session that is over: the answer clears the cookie.</param>
/// <param name="SessionRevoked">That session was revoked rather than expired: the answer without credentials is TOKEN_REVOKED.</param>
internal readonly record struct AccessDecision(GatewayIdentity? Identity, AccessRefusal? Refusal, bool SessionEnded = false, bool SessionRevoked = false)
{
    public bool Allowed => Identity is not null && Refusal is null;

    public bool Unauthenticated => Identity is null && Refusal is null;
}
