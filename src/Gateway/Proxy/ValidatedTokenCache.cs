using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// Remembers the identity of access tokens already validated, so a token is validated once rather than on every
/// proxied request. Keyed by the first 128 bits of the SHA-256 of the exact Authorization value (16 bytes instead of
/// the token string; finding another value with the same key is a second preimage of 128 bits).
/// Two generations of at most <see cref="GenerationCapacity"/> entries each: when the current one is full it
/// becomes the previous one and the oldest is dropped; a hit in the previous generation moves the entry forward.
/// So memory stays bounded and a population of tokens larger than the cache degrades the hit rate gradually
/// instead of emptying the cache. An entry never outlives its token's <c>exp</c>; only successes are kept.
/// Revocation is not cached: <see cref="RouteAccess"/> checks every identity against the revocation table.
/// </summary>
internal sealed class ValidatedTokenCache(TimeProvider time, int generationCapacity = ValidatedTokenCache.GenerationCapacity)
{
    public const int GenerationCapacity = 131_072;

    // Longer values than a gateway token are hashed from a rented buffer.
    private const int StackLimit = 2048;

    private readonly Lock _rotation = new();
    private volatile Generations _generations = new();

    public int Count => _generations.Count;

    public bool TryGet(string authorization, out GatewayIdentity identity)
    {
        var key = TokenKey.Of(authorization);
        var generations = _generations;
        var now = time.GetUtcNow();
        if (generations.Current.TryGetValue(key, out identity!) && identity.ExpiresAt > now)
        {
            return true;
        }

        if (generations.Previous.TryGetValue(key, out identity!) && identity.ExpiresAt > now)
        {
            Store(key, identity);
            return true;
        }

        identity = null!;
        return false;
    }

    public void Add(string authorization, GatewayIdentity identity)
    {
        if (identity.ExpiresAt > time.GetUtcNow())
        {
            Store(TokenKey.Of(authorization), identity);
        }
    }

    private void Store(TokenKey key, GatewayIdentity identity)
    {
        var generations = _generations;
        if (generations.CurrentCount >= generationCapacity)
        {
            lock (_rotation)
            {
                if (_generations == generations)
                {
                    _generations = new Generations(generations.Current);
                }

                generations = _generations;
            }
        }

        if (generations.Current.TryAdd(key, identity))
        {
            generations.Added();
        }
    }

    private sealed class Generations(ConcurrentDictionary<TokenKey, GatewayIdentity>? previous = null)
    {
        private int _currentCount;

        public ConcurrentDictionary<TokenKey, GatewayIdentity> Current { get; } = new();

        public ConcurrentDictionary<TokenKey, GatewayIdentity> Previous { get; } = previous ?? new();

        // ConcurrentDictionary.Count takes every lock; the hot path reads this instead.
        public int CurrentCount => Volatile.Read(ref _currentCount);

        public int Count => Current.Count + Previous.Count;

        public void Added() => Interlocked.Increment(ref _currentCount);
    }

    private readonly record struct TokenKey(ulong A, ulong B)
    {
        public static TokenKey Of(string authorization)
        {
            var length = Encoding.UTF8.GetMaxByteCount(authorization.Length);
            byte[]? rented = null;
            var buffer = length <= StackLimit ? stackalloc byte[length] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(length));
            try
            {
                var written = Encoding.UTF8.GetBytes(authorization, buffer);
                Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
                SHA256.HashData(buffer[..written], hash);
                var words = MemoryMarshal.Cast<byte, ulong>(hash);
                return new TokenKey(words[0], words[1]);
            }
            finally
            {
                if (rented is not null)
                {
                    System.Buffers.ArrayPool<byte>.Shared.Return(rented);
                }
            }
        }

        public override int GetHashCode() => (int)A;
    }
}
