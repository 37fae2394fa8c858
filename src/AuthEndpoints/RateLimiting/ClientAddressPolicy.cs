using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Configuration;
using Trachea.AuthEndpoints.Errors;

namespace Trachea.AuthEndpoints.RateLimiting;

/// <summary>
/// <c>TRACHEA_RATE_LIMIT_PER_IP_PER_MINUTE</c> attempts per client address (per /64 for IPv6). The address is the
/// connection's own; <c>X-Forwarded-For</c> counts only when <c>TRACHEA_KNOWN_PROXIES</c> lets the
/// forwarded-headers middleware rewrite it for a trusted proxy.
/// </summary>
internal sealed class ClientAddressPolicy(IOptions<TracheaOptions> options) : IRateLimiterPolicy<string>
{
    // A connection without an address (an in-memory transport) still gets a partition, shared by all such.
    internal const string UnknownAddress = "unknown";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => static (context, _) =>
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : AuthRateLimits.Window;
        RetryAfter.Set(context.HttpContext.Response, retryAfter);
        return ProblemWriter.WriteAsync(context.HttpContext, ErrorCodes.RateLimited, "Too many attempts from this address; wait before trying again.");
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var key = PartitionKey(httpContext.Connection.RemoteIpAddress);
        var permits = options.Value.RateLimitPerIpPerMinute;
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => FixedWindow.PerMinute(permits));
    }

    /// <summary>
    /// An IPv4 address as it is; an IPv6 address by its /64 network, since one client usually holds a whole
    /// /64 and could otherwise rotate through it.
    /// </summary>
    internal static string PartitionKey(IPAddress? address)
    {
        if (address is null)
        {
            return UnknownAddress;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }
}
