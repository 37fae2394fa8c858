using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Trachea.Gateway.Operations;

/// <summary>
/// One structured line per request: method, route template (never the raw path or query, which may carry
/// secrets), status, duration, the caller's user id (<c>sub</c>) and app id when authenticated, and the
/// trace id. Headers, cookies and bodies are never read here.
/// </summary>
internal sealed class RequestLogMiddleware(RequestDelegate next, ILogger<RequestLogMiddleware> logger)
{
    // Operational endpoints log at Debug, the others at Information: below both, there is nothing to time, and the
    // request goes on without a frame of this middleware waiting for it.
    public Task InvokeAsync(HttpContext context) => logger.IsEnabled(LogLevel.Information) ? LoggedAsync(context) : next(context);

    private async Task LoggedAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var failed = true;
        try
        {
            await next(context);
            failed = false;
        }
        finally
        {
            var status = failed ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
            // Routing runs inside; the exception handler clears the endpoint it chose but keeps it in its feature.
            var endpoint = context.GetEndpoint() ?? context.Features.Get<IExceptionHandlerPathFeature>()?.Endpoint;
            Log(context, endpoint, status, Stopwatch.GetElapsedTime(started));
        }
    }

    private void Log(HttpContext context, Endpoint? endpoint, int status, TimeSpan elapsed)
    {
        var level = endpoint?.Metadata.GetMetadata<OperationalEndpoint>() is null ? LogLevel.Information : LogLevel.Debug;
        if (!logger.IsEnabled(level))
        {
            return;
        }

        var route = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
        var user = context.User.Identity?.IsAuthenticated == true ? context.User : null;
        var caller = context.Features.Get<IRequestCaller>();
        var traceId = Activity.Current?.TraceId.ToHexString() ?? context.TraceIdentifier;
        OperationsLog.Request(
            logger,
            level,
            context.Request.Method,
            route,
            status,
            (long)elapsed.TotalMilliseconds,
            caller?.UserId ?? user?.FindFirst("sub")?.Value,
            caller?.AppId ?? user?.FindFirst("app_id")?.Value,
            traceId);
    }
}
