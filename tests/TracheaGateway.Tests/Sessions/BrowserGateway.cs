using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Trachea.Tests.EndToEnd;
using Trachea.Tests.Infrastructure;
using Trachea.Tests.Proxy;

namespace Trachea.Tests.Sessions;

/// <summary>
/// The gateway on real Kestrel at a port chosen up front, so its public origin (<c>http://127.0.0.1:port</c>) is
/// known before start-up, with browser sessions on and the routes of <see cref="Routes"/> in front of
/// <paramref name="backendUrl"/>. <paramref name="services"/> may replace services (a clock, a counting store).
/// </summary>
public sealed class BrowserGateway : GatewayApplication
{
    private readonly Action<IServiceCollection>? _services;

    /// <param name="routes">A routes file of its own instead of <see cref="Routes"/>.</param>
    public BrowserGateway(string backendUrl, Action<IServiceCollection>? services = null, IDictionary<string, string?>? settings = null, string? routes = null)
        : this(ChildProcess.FreePort(), backendUrl, services, settings, routes)
    {
    }

    private BrowserGateway(int port, string backendUrl, Action<IServiceCollection>? services, IDictionary<string, string?>? settings, string? routes)
        : base(WithOrigin(port, settings))
    {
        Origin = $"http://127.0.0.1:{port}";
        _services = services;
        RoutesFile = Path.Combine(DataDir, "gateway.json");
        File.WriteAllText(RoutesFile, routes ?? Routes(backendUrl));
        UseKestrel(port);
    }

    /// <summary>The public origin, e.g. http://127.0.0.1:41234.</summary>
    public string Origin { get; }

    /// <summary>A client that follows no redirects and keeps cookies the way a browser would (see <see cref="Browser"/>).</summary>
    public Browser OpenBrowser()
    {
        using (CreateClient())
        {
            // Starts the server.
        }

        return new Browser(new Uri(Origin));
    }

    /// <summary><c>/app</c> requires a user, <c>/admin</c> an admin, <c>/api-only</c> never redirects, <c>/maybe</c> is optional.</summary>
    public static string Routes(string backendUrl) => JsonSerializer.Serialize(new
    {
        ReverseProxy = new
        {
            Routes = new Dictionary<string, object>
            {
                ["app"] = TestRoutes.Route("/app/{**rest}", "backend", new()),
                ["admin"] = TestRoutes.Route("/admin/{**rest}", "backend", new() { ["MinRole"] = "admin" }),
                ["api-only"] = TestRoutes.Route("/api-only/{**rest}", "backend", new() { ["SignIn"] = "never" }),
                ["maybe"] = TestRoutes.Route("/maybe/{**rest}", "backend", new() { ["Auth"] = "optional" }),
            },
            Clusters = new Dictionary<string, object> { ["backend"] = TestRoutes.Cluster(backendUrl) },
        },
    });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    private static Dictionary<string, string?> WithOrigin(int port, IDictionary<string, string?>? settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["Trachea:PublicOrigin"] = $"http://127.0.0.1:{port}",
            ["Trachea:CsrfTrustedOrigins"] = Sessions.Browser.TrustedOrigin,
            ["Trachea:RedirectAllowedHosts"] = ".example.com",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return all;
    }
}
