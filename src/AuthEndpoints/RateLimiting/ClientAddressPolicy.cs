using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Configuration;
using Trachea.AuthEndpoints.Errors;

namespace Trachea.AuthEndpoints.RateLimiting;

/// <summary>
/// <c>TRACHEA_RATE_LIMIT_PER_IP_PER_MINUTE</c> attempts per client address. The address is the
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
        AuthRateLimits.SetRetryAfter(context.HttpContext.Response, retryAfter);
        return ProblemWriter.WriteAsync(context.HttpContext, ErrorCodes.RateLimited, "Too many attempts from this address; wait before trying again.");
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var address = httpContext.Connection.RemoteIpAddress;
        var key = address is null ? UnknownAddress : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
        var permits = options.Value.RateLimitPerIpPerMinute;
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => FixedWindow.PerMinute(permits));
    }
}
