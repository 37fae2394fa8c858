namespace Trachea.Gateway.Proxy;

/// <summary>
/// One caller's requests on one route in the last minute, counted in twelve 5-second segments: the segmented
/// sliding window of System.Threading.RateLimiting's <c>SlidingWindowRateLimiter</c>, a request counting until
/// its segment leaves the window. It is computed from the time it is given rather than from the framework's
/// own timers because the framework's limiter reads the stopwatch itself and tells neither when a refused
/// request may retry nor when permits come back, both of which the response headers state.
/// The limit is passed on each request, so a reload or a plan change applies to the count so far.
/// </summary>
internal sealed class SlidingWindow
{
    public const int Segments = 12;

    public static readonly TimeSpan Length = TimeSpan.FromMinutes(1);

    private static readonly long SegmentTicks = Length.Ticks / Segments;

    private readonly int[] _counts = new int[Segments];
    private readonly Lock _lock = new();
    private long _segment;
    private int _used;
    private bool _retired;

    /// <summary>Counts one request at <paramref name="now"/> (ticks since a fixed origin) if the limit allows it.</summary>
    /// <returns>The decision, or null when this window was retired and the caller needs a new one.</returns>
    public RateLimitDecision? TryTake(long now, int permits)
    {
        lock (_lock)
        {
            if (_retired)
            {
                return null;
            }

            var segment = Advance(now);
            var acquired = _used < permits;
            if (acquired)
            {
                _counts[segment % Segments]++;
                _used++;
            }

            return new RateLimitDecision(acquired, Math.Max(0, permits - _used), ResetAfter(now, segment));
        }
    }

    /// <summary>Retires the window when no request counts in it any more; a retired window takes no requests.</summary>
    public bool TryRetire(long now)
    {
        lock (_lock)
        {
            Advance(now);
            _retired = _used == 0;
            return _retired;
        }
    }

    // A clock that goes back keeps the current segment rather than counting a segment twice.
    private long Advance(long now)
    {
        var segment = Math.Max(_segment, now / SegmentTicks);
        if (segment - _segment >= Segments)
        {
            Array.Clear(_counts);
            _used = 0;
        }
        else
        {
            for (var passed = _segment + 1; passed <= segment; passed++)
            {
                _used -= _counts[passed % Segments];
                _counts[passed % Segments] = 0;
            }
        }

        _segment = segment;
        return segment;
    }

    private TimeSpan ResetAfter(long now, long segment)
    {
        for (var oldest = Math.Max(0, segment - Segments + 1); oldest <= segment; oldest++)
        {
            if (_counts[oldest % Segments] > 0)
            {
                return TimeSpan.FromTicks(((oldest + Segments) * SegmentTicks) - now);
            }
        }

        return TimeSpan.Zero;
    }
}
