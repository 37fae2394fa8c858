using Yarp.ReverseProxy.Configuration;

namespace Trachea.Gateway.ForwardAuth;

/// <summary>
/// Counts the configurations YARP has applied, so <see cref="ForwardAuthRoutes"/> knows when to rebuild its table.
/// A listener of its own: YARP's state, which the table reads, is built with every listener, so no listener may need it.
/// </summary>
internal sealed class AppliedConfigs : IConfigChangeListener
{
    private int _version;

    public int Version => Volatile.Read(ref _version);

    public void ConfigurationApplied(IReadOnlyList<IProxyConfig> proxyConfigs) => Interlocked.Increment(ref _version);

    public void ConfigurationLoadingFailed(IProxyConfigProvider configProvider, Exception exception)
    {
    }

    public void ConfigurationLoaded(IReadOnlyList<IProxyConfig> proxyConfigs)
    {
    }

    public void ConfigurationApplyingFailed(IReadOnlyList<IProxyConfig> proxyConfigs, Exception exception)
    {
    }
}
