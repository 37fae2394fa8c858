using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Trachea.Gateway.Hosting;
using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.Operations;

/// <summary>Work the host would do at every start for features the gateway does not use.</summary>
public sealed class StartupWorkTests : IDisposable
{
    private readonly GatewayApplication _app = new();

    [Fact]
    public void DataProtectionKeyRing_IsNotLoadedAtStartup()
    {
        var hostedServices = _app.Services.GetServices<IHostedService>().Select(service => service.GetType().FullName).ToList();

        Assert.NotEmpty(hostedServices);
        Assert.DoesNotContain(UnusedKeyRing.HostedServiceType, hostedServices);
    }

    [Fact]
    public void SkipStartupLoad_RemovesTheFrameworksHostedService()
    {
        var services = new ServiceCollection();
        services.AddDataProtection();
        Assert.Contains(services, descriptor => descriptor.ImplementationType?.FullName == UnusedKeyRing.HostedServiceType);

        UnusedKeyRing.SkipStartupLoad(services);

        Assert.DoesNotContain(services, descriptor => descriptor.ImplementationType?.FullName == UnusedKeyRing.HostedServiceType);
    }

    public void Dispose() => _app.Dispose();
}
