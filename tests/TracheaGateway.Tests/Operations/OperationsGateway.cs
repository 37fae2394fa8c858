using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.Operations;

/// <summary>
/// The in-process gateway, plus what operational tests need from the test side only: a client address
/// per request (the in-memory transport has none, and production code must not read one from a header),
/// and every log entry captured at Trace level.
/// </summary>
public sealed class OperationsGateway(IDictionary<string, string?>? settings = null) : GatewayApplication(settings)
{
    /// <summary>Sets the connection's remote address of a request, as a real socket would.</summary>
    public const string ClientAddressHeader = "X-Test-Client-Address";

    public LogCapture Logs { get; } = new();

    public HttpClient CreateClient(IPAddress clientAddress)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add(ClientAddressHeader, clientAddress.ToString());
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ClientAddressStartupFilter>());
    }

    private sealed class ClientAddressStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.Remove(ClientAddressHeader, out var value))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(value.ToString());
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
