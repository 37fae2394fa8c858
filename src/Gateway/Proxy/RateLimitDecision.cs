namespace Trachea.Gateway.Proxy;

/// <summary>
/// The answer of a <see cref="SlidingWindow"/> to one request: whether it may pass, how many more may pass now,
/// and how long until the oldest request still counted leaves the window (and permits start to come back).
/// </summary>
internal readonly record struct RateLimitDecision(bool Acquired, int Remaining, TimeSpan ResetAfter);
