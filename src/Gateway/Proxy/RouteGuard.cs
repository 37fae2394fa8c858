using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Trachea.AuthEndpoints.Access;
using Trachea.AuthEndpoints.Auth;
using Trachea.AuthEndpoints.Errors;
using Trachea.AuthEndpoints.Revocation;
using Trachea.AuthEndpoints.Sessions;
using Trachea.Gateway.Operations;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// The proxy-pipeline step that enforces a route's policy before anything is forwarded: the path rules
/// (<see cref="PathRules"/>, stricter on protected routes), then the credential — a bearer token from
/// <see cref="ValidatedTokenCache"/> when it was validated before, else from <see cref="ProxyTokenValidator"/>; or,
/// with no Authorization header, the browser-session cookie (<see cref="SessionAuthenticator"/>, under the CSRF
/// rule); a missing or refused token goes to the framework's JwtBearer scheme, whose challenge answers
/// AUTH_REQUIRED / INVALID_TOKEN / TOKEN_EXPIRED with WWW-Authenticate — then one set of rules for either identity:
/// revocation, app, role and plan. Bearer requests never touch the store; a session's identity is read from it at
/// most once per access-token lifetime. Revocation is this instance's table.
/// </summary>
internal sealed class RouteGuard(
    RequestDelegate next,
    RoutePolicies policies,
    ValidatedTokenCache tokens,
    ProxyTokenValidator validator,
    RevocationTable revocations,
    SessionAuthenticator sessions,
    BrowserOrigins origins)
{
    private const string OtherApp = "The token was issued for another app.";
    private static readonly string OtherAppChallenge = TracheaBearerEvents.InvalidTokenChallenge(OtherApp);
    private static readonly string RevokedChallenge = TracheaBearerEvents.InvalidTokenChallenge(TracheaBearerEvents.RevokedDescription);

    public async Task InvokeAsync(HttpContext context)
    {
        var policy = policies.For(context.GetReverseProxyFeature().Route.Config);
        var path = context.Request.Path;
        if ((policy.ChecksTokens ? PathRules.FindProblem(path) : PathRules.FindAmbiguousEncoding(path)) is { } pathProblem)
        {
            await ProblemWriter.WriteAsync(context, ErrorCodes.ValidationError, pathProblem, new Dictionary<string, string[]> { ["path"] = [pathProblem] });
            return;
        }

        if (!policy.ChecksTokens)
        {
            await next(context);
            return;
        }

        // A request with both credentials is judged by its bearer token (docs/browser-sessions.md). A token seen
        // before is answered from the cache, a new one validated once and cached; a missing or refused one goes to
        // the framework's JwtBearer scheme, whose challenge answers AUTH_REQUIRED / INVALID_TOKEN / TOKEN_EXPIRED.
        var authorization = context.Request.Headers.Authorization;
        GatewayIdentity? identity = null;
        if (authorization.Count == 0 && origins.SessionsOn && context.Request.Cookies.TryGetValue(GatewayCookies.Session, out var cookie))
        {
            var session = await sessions.AuthenticateAsync(cookie);
            if (session.Principal is null)
            {
                context.Response.OnStarting(ClearSessionCookie, context.Response);
                await UnauthenticatedAsync(context, policy, session.Revoked);
                return;
            }

            if (CsrfRule.Refuses(context.Request, origins))
            {
                await ProblemWriter.WriteAsync(context, ErrorCodes.CsrfRejected, CsrfRule.Refusal);
                return;
            }

            identity = GatewayIdentity.From(session.Principal);
        }
        else if (authorization.Count == 1 && authorization[0] is { } value && !tokens.TryGet(value, out identity))
        {
            identity = await validator.ValidateAsync(value);
            if (identity is not null)
            {
                tokens.Add(value, identity);
            }
        }

        if (identity is null)
        {
            var result = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
            if (result.None)
            {
                await UnauthenticatedAsync(context, policy, revoked: false);
                return;
            }

            if (!result.Succeeded)
            {
                await context.ChallengeAsync(JwtBearerDefaults.AuthenticationScheme);
                return;
            }

            identity = GatewayIdentity.From(result.Principal);
        }

        // Revocation is never cached: every request is checked against this instance's table.
        if (revocations.IsRevoked(identity.UserId, identity.AppId, identity.Version, identity.Sid))
        {
            context.Response.Headers.WWWAuthenticate = RevokedChallenge;
            await ProblemWriter.WriteAsync(context, ErrorCodes.TokenRevoked, TracheaBearerEvents.RevokedDescription);
            return;
        }

        context.Features.Set(identity);
        context.Features.Set<IRequestCaller>(identity);
        if (identity.AppId != policy.AppId)
        {
            context.Response.Headers.WWWAuthenticate = OtherAppChallenge;
            await ProblemWriter.WriteAsync(context, ErrorCodes.InvalidToken, OtherApp);
            return;
        }

        if (identity.RoleRank < policy.MinRoleRank)
        {
            await ProblemWriter.WriteAsync(context, ErrorCodes.InsufficientRole, $"This route requires the role {Roles.Ordered[policy.MinRoleRank]} or higher.");
            return;
        }

        if (identity.PlanRank < policy.MinPlanRank)
        {
            await ProblemWriter.WriteAsync(context, ErrorCodes.InsufficientPlan, $"This route requires the plan {Plans.Ordered[policy.MinPlanRank]} or higher.");
            return;
        }

        await next(context);
    }

    private static Task ClearSessionCookie(object response)
    {
        SessionCookies.ClearSession((HttpResponse)response);
        return Task.CompletedTask;
    }

    // No usable credential: optional routes pass anonymously, a browser opening a page is sent to sign in, anything else is 401.
    private async Task UnauthenticatedAsync(HttpContext context, RoutePolicy policy, bool revoked)
    {
        if (policy.Auth == RouteAuth.Optional)
        {
            await next(context);
            return;
        }

        if (policy.SignInRedirect && origins.SessionsOn && BrowserNavigation.Is(context.Request))
        {
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Redirect(BrowserNavigation.SignInLocation(context.Request));
            return;
        }

        if (revoked)
        {
            context.Response.Headers.WWWAuthenticate = RevokedChallenge;
            await ProblemWriter.WriteAsync(context, ErrorCodes.TokenRevoked, "The session has been revoked.");
            return;
        }

        await context.ChallengeAsync(JwtBearerDefaults.AuthenticationScheme);
    }
}
