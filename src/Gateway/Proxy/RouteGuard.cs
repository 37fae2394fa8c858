using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Trachea.AuthEndpoints.Access;
using Trachea.AuthEndpoints.Auth;
using Trachea.AuthEndpoints.Errors;
using Trachea.AuthEndpoints.Revocation;
using Trachea.Gateway.Operations;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// The proxy-pipeline step that enforces a route's policy before anything is forwarded: the path rules
/// (<see cref="PathRules"/>, stricter on protected routes), then the token — from <see cref="ValidatedTokenCache"/>
/// when it was validated before, else from <see cref="ProxyTokenValidator"/>; a missing or refused token goes to
/// the framework's JwtBearer scheme, whose challenge answers AUTH_REQUIRED / INVALID_TOKEN / TOKEN_EXPIRED with
/// WWW-Authenticate — then revocation, the token's app, role and plan. No store access: everything comes from the validated token and this instance's revocation table.
/// </summary>
internal sealed class RouteGuard(
    RequestDelegate next, RoutePolicies policies, ValidatedTokenCache tokens, ProxyTokenValidator validator, RevocationTable revocations)
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

        // A token seen before is answered from the cache, a new one validated once and cached; a missing or refused
        // one goes to the framework's JwtBearer scheme, whose challenge answers AUTH_REQUIRED / INVALID_TOKEN /
        // TOKEN_EXPIRED with WWW-Authenticate.
        var authorization = context.Request.Headers.Authorization;
        GatewayIdentity? identity = null;
        if (authorization.Count == 1 && authorization[0] is { } value && !tokens.TryGet(value, out identity))
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
            if (result.None && policy.Auth == RouteAuth.Optional)
            {
                await next(context);
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
}
