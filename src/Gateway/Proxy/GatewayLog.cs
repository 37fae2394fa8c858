using Microsoft.Extensions.Logging;

namespace Trachea.Gateway.Proxy;

/// <summary>Events of the proxy: configuration loads and rejections. Never a token or a header value.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Error, Message = "The routes file was rejected and the last good configuration stays in force: {Problem}")]
    public static partial void ConfigFileRejected(ILogger logger, string problem);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "The routes file {Path} changed; reloading the proxy configuration")]
    public static partial void ConfigFileReloaded(ILogger logger, string path);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "The proxy configuration was rejected and the last good configuration stays in force: {Problems}")]
    public static partial void ConfigRejected(ILogger logger, string problems);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Proxy configuration in force: {RouteCount} routes, {ClusterCount} clusters")]
    public static partial void ConfigApplied(ILogger logger, int routeCount, int clusterCount);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "There is no routes file at {Path}, so no route is proxied; set TRACHEA_GATEWAY_CONFIG to use another file")]
    public static partial void NoConfigFile(ILogger logger, string path);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Route '{RouteId}' got no answer from cluster '{ClusterId}': {Error} ({Reason})")]
    public static partial void BackendFailed(ILogger logger, string routeId, string? clusterId, string error, string reason);
}
