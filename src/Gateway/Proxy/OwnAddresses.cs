using System.Net;
using System.Net.NetworkInformation;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// The addresses the gateway listens on, so that a destination pointing back at the gateway is refused when the
/// routes are loaded: every request to it would call the gateway again on a new connection until the process runs
/// out of descriptors or memory. They are those its host configuration names (<c>urls</c>, that is
/// <c>ASPNETCORE_URLS</c> or <c>--urls</c>; <c>ASPNETCORE_HTTP_PORTS</c>/<c>ASPNETCORE_HTTPS_PORTS</c>; Kestrel's
/// configured endpoints; else the framework's default, <c>http://localhost:5000</c>), which is all there is at
/// start-up, and once the server listens, the addresses it reports (a port chosen at start included). Host names
/// other than <c>localhost</c> are not resolved: loading routes does no DNS.
/// </summary>
internal sealed class OwnAddresses
{
    private const string DefaultAddress = "http://localhost:5000";

    private readonly BindingAddress[] _configured;
    private readonly IServer _server;
    private readonly Lazy<HashSet<IPAddress>> _interfaceAddresses = new(InterfaceAddresses);

    public OwnAddresses(IConfiguration configuration, IServer server)
    {
        var configured = Split(configuration["urls"])
            .Concat(Split(configuration["http_ports"]).Select(port => $"http://*:{port}"))
            .Concat(Split(configuration["https_ports"]).Select(port => $"https://*:{port}"))
            .Concat(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(endpoint => endpoint["Url"]).OfType<string>())
            .ToList();
        _configured = [.. (configured.Count == 0 ? [DefaultAddress] : configured).Select(TryParse).OfType<BindingAddress>()];
        _server = server;
    }

    /// <returns>The listening address that <paramref name="destination"/> reaches; null when it reaches none of them.</returns>
    public string? Reached(Uri destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var host = destination.Host.Trim('[', ']');
        var ip = IPAddress.TryParse(host, out var parsed) ? parsed : null;
        var isLocalhost = string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase);
        var listening = (_server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []).Select(TryParse).OfType<BindingAddress>();
        foreach (var address in _configured.Concat(listening))
        {
            if (address.Port == destination.Port && Reaches(address.Host, ip, isLocalhost))
            {
                return address.ToString();
            }
        }

        return null;
    }

    // Kestrel binds "localhost" to both loopback addresses, an IP address to itself, and any other host to every
    // address of the machine.
    private bool Reaches(string listeningHost, IPAddress? destination, bool destinationIsLocalhost)
    {
        if (string.Equals(listeningHost, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return destinationIsLocalhost || (destination is not null && (destination.Equals(IPAddress.Loopback) || destination.Equals(IPAddress.IPv6Loopback)));
        }

        if (IPAddress.TryParse(listeningHost.Trim('[', ']'), out var listening) && !listening.Equals(IPAddress.Any) && !listening.Equals(IPAddress.IPv6Any))
        {
            return destinationIsLocalhost ? IPAddress.IsLoopback(listening) : listening.Equals(destination);
        }

        return destinationIsLocalhost || (destination is not null && (IPAddress.IsLoopback(destination) || _interfaceAddresses.Value.Contains(destination)));
    }

    private static string[] Split(string? list) =>
        (list ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    // An address Kestrel would refuse is Kestrel's to report; it cannot be reached either.
    private static BindingAddress? TryParse(string address)
    {
        try
        {
            var parsed = BindingAddress.Parse(address);
            return parsed.IsUnixPipe || parsed.IsNamedPipe || parsed.Port <= 0 ? null : parsed;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static HashSet<IPAddress> InterfaceAddresses() =>
        [.. NetworkInterface.GetAllNetworkInterfaces().SelectMany(adapter => adapter.GetIPProperties().UnicastAddresses).Select(unicast => unicast.Address)];
}
