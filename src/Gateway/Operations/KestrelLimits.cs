using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Trachea.Gateway.Operations;

/// <summary>
/// Kestrel's request limits, stated rather than implied (they equal Kestrel's defaults, which suit a
/// gateway). Bodies of /auth and /users are capped at 16 KiB by the endpoints themselves.
/// </summary>
internal static class KestrelLimits
{
    public const int MaxRequestLineSize = 8 * 1024;
    public const int MaxRequestHeadersTotalSize = 32 * 1024;
    public const int MaxRequestHeaderCount = 100;
    public static readonly TimeSpan RequestHeadersTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan KeepAliveTimeout = TimeSpan.FromSeconds(130);

    public static void Apply(KestrelServerOptions kestrel)
    {
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestLineSize = MaxRequestLineSize;
        kestrel.Limits.MaxRequestHeadersTotalSize = MaxRequestHeadersTotalSize;
        kestrel.Limits.MaxRequestHeaderCount = MaxRequestHeaderCount;
        kestrel.Limits.RequestHeadersTimeout = RequestHeadersTimeout;
        kestrel.Limits.KeepAliveTimeout = KeepAliveTimeout;
    }
}
