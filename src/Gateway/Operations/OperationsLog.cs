using Microsoft.Extensions.Logging;

namespace Trachea.Gateway.Operations;

/// <summary>The request line and other operational events (ids 5001–5099).</summary>
internal static partial class OperationsLog
{
    [LoggerMessage(EventId = 5001, Message = "{Method} {Route} answered {StatusCode} in {ElapsedMs} ms (user {UserId}, app {AppId}, trace {TraceId})")]
    public static partial void Request(ILogger logger, LogLevel level, string method, string route, int statusCode, long elapsedMs, string? userId, string? appId, string traceId);
}
