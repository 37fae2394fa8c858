using System.Globalization;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// The limit one kind of caller has on a rate-limited route: a plan or <c>anonymous</c>, its requests per minute,
/// and the <c>RateLimit-Policy</c> value that states them, formatted once since only a reload changes it.
/// </summary>
internal sealed class RateLimitTier(string name, int perMinute)
{
    public string Name { get; } = name;

    public int PerMinute { get; } = perMinute;

    public string Policy { get; } = string.Create(CultureInfo.InvariantCulture, $"\"{name}\";q={perMinute};w={(long)SlidingWindow.Length.TotalSeconds}");
}
