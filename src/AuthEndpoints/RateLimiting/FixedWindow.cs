using System.Threading.RateLimiting;

namespace Trachea.AuthEndpoints.RateLimiting;

internal static class FixedWindow
{
    /// <summary><paramref name="permits"/> per minute, no queue: an attempt past the limit is refused at once.</summary>
    public static FixedWindowRateLimiterOptions PerMinute(int permits) => new()
    {
        PermitLimit = permits,
        Window = AuthRateLimits.Window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
