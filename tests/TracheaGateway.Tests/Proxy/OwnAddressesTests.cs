using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Configuration;
using Trachea.Gateway.Proxy;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Trachea.Tests.Proxy;

public sealed class OwnAddressesTests
{
    [Theory]
    [InlineData("urls=http://127.0.0.1:8080", "http://127.0.0.1:8080/", "http://127.0.0.1:8080")]
    [InlineData("urls=http://127.0.0.1:8080", "http://localhost:8080/api", "http://127.0.0.1:8080")]
    [InlineData("urls=http://127.0.0.1:8080", "http://127.0.0.1:8081/", null)]
    [InlineData("urls=http://127.0.0.1:8080", "http://127.0.0.2:8080/", null)]
    [InlineData("urls=http://127.0.0.1:8080", "http://backend:8080/", null)]
    [InlineData("urls=http://localhost:8080", "http://[::1]:8080/", "http://localhost:8080")]
    [InlineData("urls=http://localhost:8080", "http://127.0.0.1:8080/", "http://localhost:8080")]
    [InlineData("urls=http://+:8080", "http://127.0.0.5:8080/", "http://+:8080")]
    [InlineData("urls=http://0.0.0.0:8080", "http://localhost:8080/", "http://0.0.0.0:8080")]
    [InlineData("urls=http://[::]:8080", "http://127.0.0.1:8080/", "http://[::]:8080")]
    [InlineData("urls=http://*:8080", "http://backend:8080/", null)]
    [InlineData("urls=http://127.0.0.1:9000;http://127.0.0.1:8080", "http://127.0.0.1:8080/", "http://127.0.0.1:8080")]
    [InlineData("urls=http://127.0.0.1:80", "http://127.0.0.1/", "http://127.0.0.1:80")]
    [InlineData("urls=https://127.0.0.1:8443", "http://127.0.0.1:8443/", "https://127.0.0.1:8443")]
    [InlineData("urls=http://127.0.0.1:0", "http://127.0.0.1:0/", null)]
    [InlineData("urls=unix:/tmp/trachea.sock", "http://localhost:80/", null)]
    [InlineData("urls=not an address", "http://localhost:80/", null)]
    [InlineData("http_ports=8080", "http://localhost:8080/", "http://*:8080")]
    [InlineData("https_ports=8443", "https://127.0.0.1:8443/", "https://*:8443")]
    [InlineData("Kestrel:Endpoints:main:Url=http://127.0.0.1:7000", "http://127.0.0.1:7000/", "http://127.0.0.1:7000")]
    [InlineData("", "http://localhost:5000/", "http://localhost:5000")]
    [InlineData("", "http://127.0.0.1:8080/", null)]
    public void Reached_ComparesTheDestinationWithTheConfiguredListeningAddresses(string setting, string destination, string? expected)
    {
        var addresses = From(setting);

        Assert.Equal(expected, addresses.Reached(new Uri(destination)));
    }

    [Fact]
    public void Reached_AnAddressOfThisMachine_WhenListeningOnAll()
    {
        // Not a loopback address: those are reached whatever the machine's interfaces are.
        var own = NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(adapter => adapter.GetIPProperties().UnicastAddresses)
            .Select(unicast => unicast.Address)
            .FirstOrDefault(address => address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(address));
        Assert.True(own is not null, "This test needs a network interface with an IPv4 address other than loopback.");
        var addresses = From("urls=http://*:8080");

        Assert.Equal("http://*:8080", addresses.Reached(new Uri($"http://{own}:8080/")));
        Assert.Null(addresses.Reached(new Uri("http://203.0.113.7:8080/")));
    }

    [Fact]
    public void ValidateCluster_ADestinationThatIsTheGateway_IsRefusedNamingClusterAndDestination()
    {
        var provider = new GatewayTransformProvider(
            new RoutePolicies(Options.Create(new TracheaOptions { AppId = "demo" })),
            From("urls=http://127.0.0.1:8080"));
        var context = new TransformClusterValidationContext
        {
            Services = null!,
            Cluster = new ClusterConfig
            {
                ClusterId = "app",
                Destinations = new Dictionary<string, DestinationConfig>
                {
                    ["backend"] = new() { Address = "http://127.0.0.1:9000/" },
                    ["self"] = new() { Address = "http://localhost:8080/" },
                },
            },
        };

        provider.ValidateCluster(context);

        var error = Assert.Single(context.Errors);
        Assert.Equal(
            "Cluster 'app': destination 'self' (http://localhost:8080/) is the gateway's own address http://127.0.0.1:8080; every request to it would come back to the gateway.",
            error.Message);
    }

    [Fact]
    public void Reached_AnAddressTheServerReportsOnceListening()
    {
        var server = new ListeningServer();
        var addresses = new OwnAddresses(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = "http://127.0.0.1:0" }).Build(), server);
        Assert.Null(addresses.Reached(new Uri("http://127.0.0.1:41234/")));

        server.Features.Get<IServerAddressesFeature>()!.Addresses.Add("http://127.0.0.1:41234");

        Assert.Equal("http://127.0.0.1:41234", addresses.Reached(new Uri("http://127.0.0.1:41234/")));
    }

    /// <summary>The addresses of a host configured with one <c>key=value</c> setting (none when empty), before it listens.</summary>
    internal static OwnAddresses From(string setting)
    {
        var pairs = new Dictionary<string, string?>();
        if (setting.Length > 0)
        {
            var at = setting.IndexOf('=', StringComparison.Ordinal);
            pairs[setting[..at]] = setting[(at + 1)..];
        }

        return new OwnAddresses(new ConfigurationBuilder().AddInMemoryCollection(pairs).Build(), new ListeningServer());
    }

    private sealed class ListeningServer : IServer
    {
        public IFeatureCollection Features { get; } = new FeatureCollection();

        public ListeningServer() => Features.Set<IServerAddressesFeature>(new ServerAddressesFeature());

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }
}
