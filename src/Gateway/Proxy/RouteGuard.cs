using Microsoft.AspNetCore.Http;
using Trachea.AuthEndpoints.Errors;
using Trachea.AuthEndpoints.Sessions;
using Trachea.Gateway.Operations;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// The proxy-pipeline step that enforces a route's policy before anything is forwarded: <see cref="RouteAccess"/>
/// (the same decision forward auth makes) on the request as it came; an allowed identity travels on as a feature,
/// for the identity headers and the request log.
/// </summary>
internal sealed class RouteGuard(RequestDelegate next, RoutePolicies policies, RouteAccess access)
{
    // Not async itself: a token seen before is decided synchronously, and the request then goes on without a state machine of its own.
    public Task InvokeAsync(HttpContext context)
    {
        var policy = policies.For(context.GetReverseProxyFeature().Route.Config);
        if (RouteAccess.PathProblem(policy, context.Request.Path) is { } pathProblem)
        {
            return ProblemWriter.WriteAsync(context, ErrorCodes.ValidationError, pathProblem, new Dictionary<string, string[]> { ["path"] = [pathProblem] }).AsTask();
        }

        if (!policy.ChecksTokens)
        {
            return next(context);
        }

        var deciding = access.DecideAsync(context, policy, context.Request.Method);
        return deciding.IsCompletedSuccessfully ? Enforce(context, policy, deciding.Result) : EnforceAsync(context, policy, deciding);
    }

    private async Task EnforceAsync(HttpContext context, RoutePolicy policy, ValueTask<AccessDecision> deciding) =>
        await Enforce(context, policy, await deciding);

    private Task Enforce(HttpContext context, RoutePolicy policy, AccessDecision decision)
    {
        if (decision.SessionEnded)
        {
            context.Response.OnStarting(ClearSessionCookie, context.Response);
        }

        if (decision.Identity is { } identity)
        {
            context.Features.Set(identity);
            context.Features.Set<IRequestCaller>(identity);
        }

        if (decision.Refusal is { } refusal)
        {
            return refusal.WriteAsync(context).AsTask();
        }

        return decision.Unauthenticated ? UnauthenticatedAsync(context, policy, decision.SessionRevoked) : next(context);
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

        if (policy.SignInRedirect && access.SessionsOn && BrowserNavigation.Is(context.Request))
        {
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Redirect(BrowserNavigation.SignInLocation(context.Request));
            return;
        }

        await (revoked ? AccessRefusal.SessionRevoked : AccessRefusal.Challenge).WriteAsync(context);
    }
}
