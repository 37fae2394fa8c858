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
    public async Task InvokeAsync(HttpContext context)
    {
        var policy = policies.For(context.GetReverseProxyFeature().Route.Config);
        if (RouteAccess.PathProblem(policy, context.Request.Path) is { } pathProblem)
        {
            await ProblemWriter.WriteAsync(context, ErrorCodes.ValidationError, pathProblem, new Dictionary<string, string[]> { ["path"] = [pathProblem] });
            return;
        }

        if (!policy.ChecksTokens)
        {
            await next(context);
            return;
        }

        var decision = await access.DecideAsync(context, policy, context.Request.Method);
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
            await refusal.WriteAsync(context);
            return;
        }

        if (decision.Unauthenticated)
        {
            await UnauthenticatedAsync(context, policy, decision.SessionRevoked);
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

        if (policy.SignInRedirect && access.SessionsOn && BrowserNavigation.Is(context.Request))
        {
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Redirect(BrowserNavigation.SignInLocation(context.Request));
            return;
        }

        await (revoked ? AccessRefusal.SessionRevoked : AccessRefusal.Challenge).WriteAsync(context);
    }
}
