using System.Collections.Concurrent;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// Remembers the identity of access tokens the framework's JwtBearer handler has already validated, keyed
/// by the exact Authorization header value, so a token is validated once rather than on every proxied
/// request. An entry never outlives its token's <c>exp</c>; the cache holds at most <see cref="Capacity"/>
/// entries. Only successes are kept: an invalid, tampered or expired token always goes to the handler.
/// The cache answers what a fresh validation would, except in the clock-skew grace after <c>exp</c>, where it
/// sends the token back to the handler; revocation is not cached: <see cref="RouteGuard"/> checks every hit
/// against the revocation table.
/// </summary>
internal sealed class ValidatedTokenCache(TimeProvider time)
{
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, GatewayIdentity> _entries = new(StringComparer.Ordinal);

    public bool TryGet(string authorization, out GatewayIdentity identity)
    {
        if (_entries.TryGetValue(authorization, out identity!) && identity.ExpiresAt > time.GetUtcNow())
        {
            return true;
        }

        identity = null!;
        return false;
    }

    public void Add(string authorization, GatewayIdentity identity)
    {
        var now = time.GetUtcNow();
        if (identity.ExpiresAt <= now)
        {
            return;
        }

        if (_entries.Count >= Capacity)
        {
            Evict(now);
        }

        _entries[authorization] = identity;
    }

    public int Count => _entries.Count;

    // Expired entries go first; if the cache is still full of live tokens it starts over (each live token
    // then costs one more validation), which keeps memory bounded without bookkeeping on the hot path.
    private void Evict(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (entry.ExpiresAt <= now)
            {
                _entries.TryRemove(key, out _);
            }
        }

        if (_entries.Count >= Capacity)
        {
            _entries.Clear();
        }
    }
}
