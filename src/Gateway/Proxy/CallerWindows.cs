using System.Collections.Concurrent;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// The sliding windows of every caller on every rate-limited route of this instance, on one clock. A window
/// in which no request counts any more is released at the next sweep, which runs at most once a window, so
/// memory follows the callers of the last two minutes rather than every caller ever seen.
/// </summary>
internal sealed class CallerWindows(TimeProvider time)
{
    private readonly ConcurrentDictionary<RateLimitKey, SlidingWindow> _windows = new();
    private readonly DateTimeOffset _origin = time.GetUtcNow();
    private long _nextSweep = SlidingWindow.Length.Ticks;

    /// <summary>How many windows are held.</summary>
    public int Count => _windows.Count;

    /// <summary>Counts one request of <paramref name="key"/> against <paramref name="permits"/> per minute.</summary>
    public RateLimitDecision Acquire(RateLimitKey key, int permits)
    {
        var now = (time.GetUtcNow() - _origin).Ticks;
        SweepIfDue(now);
        while (true)
        {
            var window = _windows.GetOrAdd(key, static _ => new SlidingWindow());
            if (window.TryTake(now, permits) is { } decision)
            {
                return decision;
            }

            _windows.TryRemove(new KeyValuePair<RateLimitKey, SlidingWindow>(key, window));
        }
    }

    // On the request that finds it due: one pass over the windows a minute costs less than a timer that
    // wakes up whether or not anyone calls, and it keeps the release on the same clock as the counting.
    private void SweepIfDue(long now)
    {
        var due = Interlocked.Read(ref _nextSweep);
        if (now < due || Interlocked.CompareExchange(ref _nextSweep, now + SlidingWindow.Length.Ticks, due) != due)
        {
            return;
        }

        foreach (var entry in _windows)
        {
            if (entry.Value.TryRetire(now))
            {
                _windows.TryRemove(entry);
            }
        }
    }
}
