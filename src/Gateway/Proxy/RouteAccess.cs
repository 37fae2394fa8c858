using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Trachea.AuthEndpoints.Revocation;
using Trachea.AuthEndpoints.Sessions;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// The one decision of the proxy and of forward auth (docs/forward-auth.md): the path rules for a route, then the
/// request's credential — a bearer token from <see cref="ValidatedTokenCache"/> when it was validated before, else
/// from <see cref="ProxyTokenValidator"/>; or, with no Authorization header, the browser-session cookie
/// (<see cref="SessionAuthenticator"/>, under the CSRF rule for the method being judged); a missing or refused token
/// goes to the framework's JwtBearer scheme — then one set of rules for either identity: revocation, app, role and
/// plan. Bearer requests never touch the store; a session's identity is read from it at most once per access-token
/// lifetime. Revocation is this instance's table. A token seen before is decided without allocating.
/// </summary>
internal sealed class RouteAccess(
    ValidatedTokenCache tokens,
    ProxyTokenValidator validator,
    RevocationTable revocations,
    SessionAuthenticator sessions,
    BrowserOrigins origins)
{
    public bool SessionsOn => origins.SessionsOn;

    /// <returns>Why the route refuses the path (stricter on protected routes, <see cref="PathRules"/>), or null.</returns>
    public static string? PathProblem(RoutePolicy policy, PathString path) =>
        policy.ChecksTokens ? PathRules.FindProblem(path) : PathRules.FindAmbiguousEncoding(path);

    /// <summary>Decides a request to a route that checks tokens; <paramref name="method"/> is the one the CSRF rule judges.</summary>
    public ValueTask<AccessDecision> DecideAsync(HttpContext context, RoutePolicy policy, string method)
    {
        // Most requests carry a token seen before: decided without awaiting anything.
        var authorization = context.Request.Headers.Authorization;
        return authorization.Count == 1 && authorization[0] is { } value && tokens.TryGet(value, out var identity)
            ? new(Judge(identity, policy))
            : DecideUncachedAsync(context, policy, method, authorization);
    }

    private async ValueTask<AccessDecision> DecideUncachedAsync(HttpContext context, RoutePolicy policy, string method, StringValues authorization)
    {
        // A request with both credentials is judged by its bearer token (docs/browser-sessions.md).
        GatewayIdentity? identity = null;
        if (authorization.Count == 0 && origins.SessionsOn && context.Request.Cookies.TryGetValue(GatewayCookies.Session, out var cookie))
        {
            var session = await sessions.AuthenticateAsync(cookie);
            if (session.Principal is null)
            {
                return new AccessDecision(null, null, SessionEnded: true, SessionRevoked: session.Revoked);
            }

            if (CsrfRule.Refuses(method, context.Request.Headers, origins))
            {
                return new AccessDecision(null, AccessRefusal.Csrf);
            }

            identity = GatewayIdentity.From(session.Principal);
        }
        else if (authorization.Count == 1 && authorization[0] is { } value)
        {
            identity = await validator.ValidateAsync(value);
            if (identity is not null)
            {
                tokens.Add(value, identity);
            }
        }

        if (identity is null)
        {
            // The framework's scheme tells a missing token (None) from a refused one, whose challenge answers
            // AUTH_REQUIRED / INVALID_TOKEN / TOKEN_EXPIRED.
            var result = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
            if (result.None)
            {
                return default;
            }

            if (!result.Succeeded)
            {
                return new AccessDecision(null, AccessRefusal.Challenge);
            }

            identity = GatewayIdentity.From(result.Principal);
        }

        return Judge(identity, policy);
    }

    // Revocation is never cached: every request is checked against this instance's table.
    private AccessDecision Judge(GatewayIdentity identity, RoutePolicy policy) =>
        identity.IsRevokedIn(revocations)
            ? new AccessDecision(null, AccessRefusal.Revoked)
            : new AccessDecision(identity, Rules(identity, policy));

    private static AccessRefusal? Rules(GatewayIdentity identity, RoutePolicy policy) =>
        identity.AppId != policy.AppId ? AccessRefusal.OtherApp
        : identity.RoleRank < policy.MinRoleRank ? AccessRefusal.Role(policy.MinRoleRank)
        : identity.PlanRank < policy.MinPlanRank ? AccessRefusal.Plan(policy.MinPlanRank)
        : null;
}
