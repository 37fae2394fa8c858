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

    public ProxyGatewayApplication(string routesFile, IDictionary<string, string?>? settings = null)
        : base(settings)
    {
        RoutesFile = routesFile;
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

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }
}
