using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.Proxy;

/// <summary>
/// The gateway on real Kestrel (loopback, a free port), proxying the routes of <paramref name="routesFile"/>, with
/// optional extra <paramref name="settings"/>. Kestrel matters here: it is what decodes and normalises paths,
/// it is what a raw request reaches, and it sees each connection's real client address.
/// </summary>
public sealed class ProxyGatewayApplication : GatewayApplication
{
    private readonly string _routesFile;

    public ProxyGatewayApplication(string routesFile, IDictionary<string, string?>? settings = null)
        : base(settings)
    {
        _routesFile = routesFile;
        UseKestrel(0);
    }

    public LogCapture Logs { get; } = new();

    /// <summary>The gateway's address, e.g. http://127.0.0.1:41234.</summary>
    public Uri Address
    {
        get
        {
            using var client = CreateClient();
            return client.BaseAddress!;
        }
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        // Program chooses the routes file before builder.Build(), which configuration added by ConfigureWebHost
        // does not reach (dotnet/aspnetcore#37680); host configuration does, passed in as command-line arguments.
        builder.ConfigureHostConfiguration(configuration =>
            configuration.AddInMemoryCollection([new KeyValuePair<string, string?>("Trachea:GatewayConfig", _routesFile)]));
        return base.CreateHost(builder);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }
}
