using System.Numerics;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// One generation of <see cref="ValidatedTokenCache"/>: identities found by their <see cref="GatewayIdentity.CacheKey"/>
/// in an array of references, probed in order from the key's hash (open addressing), so that an entry costs a
/// slot of 8 bytes rather than a dictionary node of 56 and its bucket (docs/performance.md, "Many tokens"). Entries
/// are only ever added: readers take no lock, and a writer claims an empty slot with a compare-and-swap. The
/// array starts small and doubles, under a lock, once three quarters of it are taken, up to the size that holds
/// the generation's capacity at most three quarters full. An addition that races a doubling may be lost, which
/// only means that its token is validated once more.
/// </summary>
internal sealed class IdentityTable
{
    private const int InitialSlots = 256;

    private readonly Lock _growth = new();
    private readonly int _maxSlots;
    private volatile GatewayIdentity?[] _slots;
    private int _count;

    public IdentityTable(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, 1 << 28);
        _maxSlots = (int)BitOperations.RoundUpToPowerOf2((uint)(capacity + (capacity / 3) + 1));
        _slots = new GatewayIdentity?[Math.Min(InitialSlots, _maxSlots)];
    }

    /// <summary>The identities added, those lost to a doubling included.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <returns>The identity kept under <paramref name="key"/>; null when there is none.</returns>
    public GatewayIdentity? Find(in TokenKey key)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        for (int i = key.Hash & mask, probes = 0; probes < slots.Length; i = (i + 1) & mask, probes++)
        {
            var entry = Volatile.Read(ref slots[i]);
            if (entry is null || entry.CacheKey == key)
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>Keeps <paramref name="identity"/> under its key, unless an identity is kept there already or the table is full.</summary>
    public void Add(GatewayIdentity identity)
    {
        var slots = _slots;
        if (IsCrowded(slots))
        {
            if (Grown(slots) is not { } grown)
            {
                return;
            }

            slots = grown;
        }

        if (TryClaim(slots, identity))
        {
            Interlocked.Increment(ref _count);
        }
    }

    private bool IsCrowded(GatewayIdentity?[] slots) => Count >= slots.Length / 4 * 3;

    // True when the identity took an empty slot; false when its key has one already, or no slot is empty.
    private static bool TryClaim(GatewayIdentity?[] slots, GatewayIdentity identity)
    {
        var key = identity.CacheKey;
        var mask = slots.Length - 1;
        for (int i = key.Hash & mask, probes = 0; probes < slots.Length; i = (i + 1) & mask, probes++)
        {
            var entry = Volatile.Read(ref slots[i]) ?? Interlocked.CompareExchange(ref slots[i], identity, null);
            if (entry is null)
            {
                return true;
            }

            if (entry.CacheKey == key)
            {
                return false;
            }
        }

        return false;
    }

    // The array to add to once the crowded one is doubled; null when it cannot grow further.
    private GatewayIdentity?[]? Grown(GatewayIdentity?[] crowded)
    {
        lock (_growth)
        {
            if (_slots != crowded)
            {
                return _slots;
            }

            if (crowded.Length >= _maxSlots)
            {
                return null;
            }

            var grown = new GatewayIdentity?[crowded.Length * 2];
            foreach (var entry in crowded)
            {
                if (entry is not null)
                {
                    TryClaim(grown, entry);
                }
            }

            _slots = grown;
            return grown;
        }
    }
}
