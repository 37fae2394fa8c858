using Microsoft.Extensions.DependencyInjection;

namespace Trachea.Gateway.Hosting;

/// <summary>
/// Data Protection is registered by the framework's authentication services (for cookie and remote-login handlers
/// the gateway does not have) and by YARP (for session-affinity cookies, only on clusters that turn affinity on).
/// Its hosted service would read (and on a first start create) a key ring under <c>~/.aspnet/DataProtection-Keys</c>
/// at every start, loading the XML stack. Without it the key ring is read on first use, if ever.
/// </summary>
internal static class UnusedKeyRing
{
    public const string HostedServiceType = "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService";

    /// <summary>Call once every service is registered: both registrations add the hosted service.</summary>
    public static void SkipStartupLoad(IServiceCollection services)
    {
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(IHostedService) && services[i].ImplementationType?.FullName == HostedServiceType)
            {
                services.RemoveAt(i);
            }
        }
    }
}
