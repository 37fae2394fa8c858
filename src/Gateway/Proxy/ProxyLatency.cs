using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Trachea.Gateway.Proxy;

/// <summary>Records how long each proxied request took, by gateway route id and final status (never the raw path).</summary>
internal sealed class ProxyLatency(RequestDelegate next, ProxyMetrics metrics)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        await next(context);
        metrics.RecordProxied(context.GetReverseProxyFeature().Route.Config.RouteId, context.Response.StatusCode, Stopwatch.GetElapsedTime(started));
    }
}
