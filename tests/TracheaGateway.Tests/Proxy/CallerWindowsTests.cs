using Trachea.Gateway.Proxy;
using Trachea.Tests.Firebase;

namespace Trachea.Tests.Proxy;

/// <summary>The table of windows: one per caller and route, released once idle, on a clock the test moves.</summary>
public sealed class CallerWindowsTests
{
    private readonly ManualTimeProvider _clock = new();
    private readonly CallerWindows _windows;

    public CallerWindowsTests() => _windows = new CallerWindows(_clock);

    [Fact]
    public void Callers_RoutesAndApps_CountApart()
    {
        var user = new RateLimitKey("r1", "user-a", "demo");
        Assert.True(_windows.Acquire(user, 1).Acquired);

        Assert.False(_windows.Acquire(user, 1).Acquired);
        Assert.True(_windows.Acquire(user with { Caller = "user-b" }, 1).Acquired);
        Assert.True(_windows.Acquire(user with { RouteId = "r2" }, 1).Acquired);
        Assert.True(_windows.Acquire(user with { AppId = "other" }, 1).Acquired);
        Assert.True(_windows.Acquire(user with { AppId = null }, 1).Acquired);
    }

    [Fact]
    public void IdleWindows_AreReleased()
    {
        for (var i = 0; i < 1000; i++)
        {
            _windows.Acquire(new RateLimitKey("r1", $"user-{i}", "demo"), 10);
        }

        Assert.Equal(1000, _windows.Count);

        _clock.Advance(TimeSpan.FromSeconds(61));
        _windows.Acquire(new RateLimitKey("r1", "newcomer", "demo"), 10);

        Assert.Equal(1, _windows.Count);
    }

    [Fact]
    public void WindowStillCounting_IsKept_AndKeepsItsCount()
    {
        var busy = new RateLimitKey("r1", "busy", "demo");
        _windows.Acquire(new RateLimitKey("r1", "idle", "demo"), 10);
        _clock.Advance(TimeSpan.FromSeconds(50));
        _windows.Acquire(busy, 1);

        _clock.Advance(TimeSpan.FromSeconds(11));
        var again = _windows.Acquire(busy, 1);

        Assert.Equal(1, _windows.Count);
        Assert.False(again.Acquired);
    }

    [Fact]
    public void ReleasedCaller_StartsAFreshWindow()
    {
        var caller = new RateLimitKey("r1", "returning", "demo");
        _windows.Acquire(caller, 2);
        _windows.Acquire(caller, 2);
        _clock.Advance(TimeSpan.FromMinutes(2));

        Assert.True(_windows.Acquire(caller, 2).Acquired);
        Assert.True(_windows.Acquire(caller, 2).Acquired);
        Assert.False(_windows.Acquire(caller, 2).Acquired);
    }
}
