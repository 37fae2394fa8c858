using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// Turns YARP's verdict on a configuration load into one log line: what is in force, or every reason a new
/// configuration was rejected (YARP keeps the previous one in that case).
/// </summary>
internal sealed class GatewayConfigListener(ILogger<GatewayConfigListener> logger) : IConfigChangeListener
{
    public void ConfigurationLoadingFailed(IProxyConfigProvider configProvider, Exception exception) =>
        GatewayLog.ConfigRejected(logger, GatewayConfigProblems.Describe(exception));

    public void ConfigurationLoaded(IReadOnlyList<IProxyConfig> proxyConfigs)
    {
    }

    public void ConfigurationApplyingFailed(IReadOnlyList<IProxyConfig> proxyConfigs, Exception exception) =>
        GatewayLog.ConfigRejected(logger, GatewayConfigProblems.Describe(exception));

    public void ConfigurationApplied(IReadOnlyList<IProxyConfig> proxyConfigs)
    {
        var (routes, clusters) = (0, 0);
        foreach (var config in proxyConfigs)
        {
            routes += config.Routes.Count;
            clusters += config.Clusters.Count;
        }

        GatewayLog.ConfigApplied(logger, routes, clusters);
    }
}
