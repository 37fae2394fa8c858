using System.Buffers;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// Remembers the identity of access tokens already validated, so a token is validated once rather than on every
/// proxied request. Keyed by the first 64 bits of the token's own signature, already a keyed hash of the token
/// (HMAC-SHA256 under the gateway's secret: no one without the secret can make one for other content), and by a
/// 64-bit hash of the whole Authorization value under a seed drawn at start-up. A value finds an entry only if it
/// carries that token's signature and hashes like that token's exact value; a lookup computes no SHA-256, and an
/// entry's key is 16 bytes instead of the token string. A value not ending in an HS256 signature is never kept.
/// Two generations of at most <see cref="GenerationCapacity"/> entries each: when the current one is full it
/// becomes the previous one and the oldest is dropped; a hit in the previous generation moves the entry forward.
/// So memory stays bounded and a population of tokens larger than the cache degrades the hit rate gradually
/// instead of emptying the cache. An entry never outlives its token's <c>exp</c>; only successes are kept.
/// Revocation is not cached: <see cref="RouteAccess"/> checks every identity against the revocation table.
/// </summary>
internal sealed class ValidatedTokenCache(TimeProvider time, int generationCapacity = ValidatedTokenCache.GenerationCapacity)
{
    public const int GenerationCapacity = 131_072;

    private readonly Lock _rotation = new();
    private volatile Generations _generations = new();

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
        if (identity.ExpiresAt > time.GetUtcNow() && TokenKey.TryOf(authorization, out var key))
        {
            Store(key, identity);
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

    // The first 64 bits of the token's signature and a hash of the whole value under this process's seed.
    private readonly record struct TokenKey(ulong Signature, ulong Value)
    {
        // An HS256 signature: 32 bytes, 43 base64url characters after the token's last dot.
        private const int SignatureChars = 43;
        private const int SignatureBytes = 32;

        private static readonly long Seed = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(sizeof(long)));

        /// <returns>False when the value does not end with an HS256 signature: it is never kept.</returns>
        public static bool TryOf(string authorization, out TokenKey key)
        {
            Span<byte> signature = stackalloc byte[SignatureBytes];
            if (authorization.Length <= SignatureChars || authorization[^(SignatureChars + 1)] != '.'
                || Base64Url.DecodeFromChars(authorization.AsSpan(^SignatureChars), signature, out _, out var written) != OperationStatus.Done
                || written != SignatureBytes)
            {
                key = default;
                return false;
            }

            key = new TokenKey(BitConverter.ToUInt64(signature), XxHash3.HashToUInt64(MemoryMarshal.AsBytes(authorization.AsSpan()), Seed));
            return true;
        }

        public override int GetHashCode() => (int)Signature;
    }
}
