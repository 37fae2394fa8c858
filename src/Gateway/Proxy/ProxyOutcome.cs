using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// The outermost step of the proxy pipeline, the one that waits for the backend: answers a failed forward with
/// <see cref="BackendErrors"/>, then records how long the request took, by gateway route id and final status
/// (never the raw path). One step for both, so that a proxied request pays for one awaiting frame, not two.
/// </summary>
internal sealed class ProxyOutcome(RequestDelegate next, BackendErrors errors, ProxyMetrics metrics)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        await next(context);
        if (context.GetForwarderErrorFeature() is { } failure)
        {
            await errors.AnswerAsync(context, failure);
        }

        metrics.RecordProxied(context.GetReverseProxyFeature().Route.Config.RouteId, context.Response.StatusCode, Stopwatch.GetElapsedTime(started));
    }
}
