namespace Trachea.Gateway.Proxy;

/// <summary>
/// Remembers the identity of access tokens already validated, so a token is validated once rather than on every
/// proxied request. An identity is kept under its token's <see cref="TokenKey"/> (its own
/// <see cref="GatewayIdentity.CacheKey"/>): a value finds an entry only if it carries that token's signature and
/// hashes like that token's exact value. A value not ending in an HS256 signature is never kept. Two generations
/// (<see cref="IdentityTable"/>) of at most <see cref="GenerationCapacity"/> entries each: when the current one is
/// full it becomes the previous one and the oldest is dropped; a hit in the previous generation is added to the
/// current one. So memory stays bounded and a population of tokens larger than the cache degrades the hit rate
/// gradually instead of emptying the cache. An entry never outlives its token's <c>exp</c>; only successes are
/// kept. Revocation is not cached: <see cref="RouteAccess"/> checks every identity against the revocation table.
/// </summary>
internal sealed class ValidatedTokenCache(TimeProvider time, int generationCapacity = ValidatedTokenCache.GenerationCapacity)
{
    public const int GenerationCapacity = 131_072;

    private readonly Lock _rotation = new();
    private volatile Generations _generations = new(generationCapacity, previous: null);

    public int Count => _generations.Count;

    public bool TryGet(string authorization, out GatewayIdentity identity)
    {
        if (!TokenKey.TryOf(authorization, out var key))
        {
            identity = null!;
            return false;
        }

        var generations = _generations;
        var now = time.GetUtcNow();
        if (generations.Current.Find(key) is { } current && current.ExpiresAt > now)
        {
            identity = current;
            return true;
        }

        if (generations.Previous?.Find(key) is { } previous && previous.ExpiresAt > now)
        {
            Store(previous);
            identity = previous;
            return true;
        }

        identity = null!;
        return false;
    }

    /// <summary>Keeps <paramref name="identity"/>, validated from <paramref name="authorization"/>; an identity serves one token.</summary>
    public void Add(string authorization, GatewayIdentity identity)
    {
        if (identity.ExpiresAt > time.GetUtcNow() && TokenKey.TryOf(authorization, out var key) && identity.TryTakeCacheKey(key))
        {
            Store(identity);
        }
    }

    private void Store(GatewayIdentity identity)
    {
        var generations = _generations;
        if (generations.Current.Count >= generationCapacity)
        {
            lock (_rotation)
            {
                if (_generations == generations)
                {
                    _generations = new Generations(generationCapacity, generations.Current);
                }

                generations = _generations;
            }
        }

        generations.Current.Add(identity);
    }

    private sealed class Generations(int capacity, IdentityTable? previous)
    {
        public IdentityTable Current { get; } = new(capacity);

        public IdentityTable? Previous { get; } = previous;

        public int Count => Current.Count + (Previous?.Count ?? 0);
    }
}
