using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Configuration;

namespace Trachea.Gateway.ForwardAuth;

/// <summary>
/// Whether a forward-auth call comes from a proxy in <c>TRACHEA_KNOWN_PROXIES</c>. The connection's own peer
/// decides: the forwarded-headers middleware has already replaced <c>RemoteIpAddress</c> with the client the proxy
/// names in <c>X-Forwarded-For</c>, so the address <see cref="ProxyPeerCapture"/> kept before it is read.
/// </summary>
internal sealed class ProxyPeers(IOptions<TracheaOptions> options)
{
    private readonly IPAddress[] _known = [.. OperationsSettings.KnownProxies(options.Value).Select(Normal)];

    public bool IsKnown(HttpContext context)
    {
        if (_known.Length == 0)
        {
            return false;
        }

        var peer = context.Features.Get<ProxyPeerCapture.Peer>() is { } captured ? captured.Address : context.Connection.RemoteIpAddress;
        return peer is not null && Array.IndexOf(_known, Normal(peer)) >= 0;
    }

    private static IPAddress Normal(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
