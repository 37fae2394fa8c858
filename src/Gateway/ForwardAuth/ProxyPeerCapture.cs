using System.Net;
using Microsoft.AspNetCore.Http;

namespace Trachea.Gateway.ForwardAuth;

/// <summary>
/// Runs before the forwarded-headers middleware, which replaces <c>RemoteIpAddress</c> with the client a known
/// proxy names in <c>X-Forwarded-For</c>: keeps the connection's own peer for <see cref="ProxyPeers"/>, on forward
/// auth requests only, so that no other request pays for it.
/// </summary>
internal sealed class ProxyPeerCapture(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments(ForwardAuthEndpoint.Path, StringComparison.OrdinalIgnoreCase))
        {
            context.Features.Set(new Peer(context.Connection.RemoteIpAddress));
        }

        return next(context);
    }

    /// <summary>The connection's peer address, as it was before any forwarded header applied.</summary>
    internal sealed record Peer(IPAddress? Address);
}
