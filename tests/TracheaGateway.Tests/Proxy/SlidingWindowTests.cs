using Trachea.Gateway.Proxy;

namespace Trachea.Tests.Proxy;

/// <summary>The window's counting at its boundaries, on times given in seconds (no clock, no waiting).</summary>
public sealed class SlidingWindowTests
{
    private readonly SlidingWindow _window = new();

    [Fact]
    public void PastTheLimit_RefusedWithNothingRemaining()
    {
        Assert.Equal(2, Take(0, permits: 3).Remaining);
        Assert.Equal(1, Take(1, permits: 3).Remaining);
        Assert.Equal(0, Take(2, permits: 3).Remaining);

        var refused = Take(3, permits: 3);

        Assert.False(refused.Acquired);
        Assert.Equal(0, refused.Remaining);
    }

    [Fact]
    public void RequestsOfAFullWindow_CountUntilTheirSegmentLeavesIt()
    {
        Take(1, permits: 2);
        Take(2, permits: 2);

        var justBefore = Take(59.9, permits: 2);
        var atTheBoundary = Take(60, permits: 2);

        Assert.False(justBefore.Acquired);
        Assert.Equal(TimeSpan.FromMilliseconds(100), justBefore.ResetAfter);
        Assert.True(atTheBoundary.Acquired);
    }

    [Fact]
    public void Window_Slides_OldRequestsLeaveOneSegmentAtATime()
    {
        Take(0, permits: 2);
        Take(30, permits: 2);

        Assert.False(Take(45, permits: 2).Acquired);
        var afterTheFirstLeft = Take(60, permits: 2);
        var secondStillCounts = Take(89, permits: 2);

        Assert.True(afterTheFirstLeft.Acquired);
        Assert.False(secondStillCounts.Acquired);
        Assert.Equal(TimeSpan.FromSeconds(1), secondStillCounts.ResetAfter);
        Assert.True(Take(90, permits: 2).Acquired);
    }

    [Fact]
    public void ResetAfter_IsWhenTheOldestCountedRequestLeaves()
    {
        var first = Take(3, permits: 5);
        var second = Take(40, permits: 5);

        Assert.Equal(TimeSpan.FromSeconds(57), first.ResetAfter);
        Assert.Equal(TimeSpan.FromSeconds(20), second.ResetAfter);
    }

    [Fact]
    public void LowerLimit_AppliesToTheCountSoFar()
    {
        for (var i = 0; i < 5; i++)
        {
            Take(i, permits: 10);
        }

        var refused = Take(6, permits: 3);

        Assert.False(refused.Acquired);
        Assert.Equal(0, refused.Remaining);
        Assert.True(Take(7, permits: 6).Acquired);
    }

    [Fact]
    public void ClockGoingBack_FreesNothing()
    {
        Take(100, permits: 1);

        Assert.False(Take(10, permits: 1).Acquired);
    }

    [Fact]
    public void Retire_OnlyOnceNothingCounts_ThenTakesNoRequest()
    {
        Take(0, permits: 1);

        Assert.False(_window.TryRetire(Ticks(59)));
        Assert.True(_window.TryRetire(Ticks(60)));
        Assert.Null(_window.TryTake(Ticks(61), 1));
    }

    private RateLimitDecision Take(double seconds, int permits) => _window.TryTake(Ticks(seconds), permits)!.Value;

    private static long Ticks(double seconds) => TimeSpan.FromSeconds(seconds).Ticks;
}
