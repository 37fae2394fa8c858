using Microsoft.Extensions.DependencyInjection;

namespace Trachea.Gateway.Hosting;

/// <summary>
/// Data Protection comes with the framework's authentication services, for cookie and remote-login handlers the
/// gateway does not have. Its hosted service would read (and on a first start create) a key ring under
/// <c>~/.aspnet/DataProtection-Keys</c> at every start, loading the XML stack for nothing. Without it the key
/// ring is only read should something ever protect data.
/// </summary>
internal static class UnusedKeyRing
{
    public const string HostedServiceType = "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService";

    /// <summary>Call once every service is registered: several framework extensions register the hosted service.</summary>
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
