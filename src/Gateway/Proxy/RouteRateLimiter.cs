using Microsoft.AspNetCore.Http;
using Trachea.AuthEndpoints.Errors;
using Trachea.AuthEndpoints.RateLimiting;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// The proxy-pipeline step right after <see cref="RouteGuard"/>: on a route with <c>RateLimitPerMinute</c>, counts
/// the request against the caller's limit, by (user, app) when the guard authenticated a token and by client
/// address otherwise (the address of the login limits: the connection's, or the one a known proxy forwarded).
/// Over the limit it answers 429 RATE_LIMITED and the backend never sees the request.
/// </summary>
internal sealed class RouteRateLimiter(RequestDelegate next, RoutePolicies policies, CallerWindows windows)
{
    public Task InvokeAsync(HttpContext context)
    {
        var route = context.GetReverseProxyFeature().Route.Config;
        if (policies.For(route).RateLimit is not { } limit)
        {
            return next(context);
        }

        var identity = context.Features.Get<GatewayIdentity>();
        if ((identity is null ? limit.Anonymous : limit.ForPlan(identity.PlanRank)) is not { } tier)
        {
            return next(context);
        }

        var key = identity is null
            ? new RateLimitKey(route.RouteId, ClientAddressPolicy.PartitionKey(context.Connection.RemoteIpAddress), null)
            : new RateLimitKey(route.RouteId, identity.UserId, identity.AppId);
        var decision = windows.Acquire(key, tier.PerMinute);
        RateLimitHeaders.Set(context.Response, tier, decision);
        if (!decision.Acquired)
        {
            RetryAfter.Set(context.Response, decision.ResetAfter);
            return ProblemWriter.WriteAsync(context, ErrorCodes.RateLimited, $"Too many requests on this route; at most {tier.PerMinute} a minute.").AsTask();
        }

        return next(context);
    }
}
