namespace Trachea.AuthEndpoints.Revocation;

/// <summary>Whether this instance's revocation table follows the store: loaded once, and fewer than three polls failed in a row.</summary>
internal sealed class RevocationFeedHealth
{
    public const int FailuresBeforeUnhealthy = 3;

    private int _consecutiveFailures;
    private volatile bool _loaded;

    public bool IsLoaded => _loaded;

    public bool IsHealthy => _loaded && Volatile.Read(ref _consecutiveFailures) < FailuresBeforeUnhealthy;

    /// <returns>True when this success ends an unhealthy stretch.</returns>
    public bool Succeeded()
    {
        var wasUnhealthy = Interlocked.Exchange(ref _consecutiveFailures, 0) >= FailuresBeforeUnhealthy;
        _loaded = true;
        return wasUnhealthy;
    }

    /// <returns>True when this failure is the one that makes the feed unhealthy.</returns>
    public bool Failed() => Interlocked.Increment(ref _consecutiveFailures) == FailuresBeforeUnhealthy;
}
