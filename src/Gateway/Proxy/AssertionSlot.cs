using Trachea.AuthEndpoints.Assertions;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// One token's assertion for one audience in compact form (its audience and <see cref="AssertionSignature"/>, about
/// 110 bytes instead of the 1.4 KB of its text), kept in place inside its holder: the token's
/// <see cref="GatewayIdentity"/> for its first audience, an <see cref="AudienceAssertion"/> for any other. A
/// renewal writes the new signature over the old one, so renewals leave no garbage behind that only a full
/// collection would reclaim. Readers take a consistent copy without a lock (a sequence lock: a copy made while a
/// writer was writing is taken again), so the many requests of one busy token do not contend. Used only in place
/// (a field, by reference): a copy would have a sequence of its own.
/// </summary>
internal struct AssertionSlot
{
    private string? _audience;
    private AssertionSignature _signature;

    // Even while the slot is stable, odd while a writer writes it; 0 until the first write.
    private int _sequence;

    /// <summary>True until an assertion is first written here.</summary>
    public readonly bool IsEmpty => Volatile.Read(in _sequence) == 0;

    /// <returns>True with the signature when the slot holds the assertion for <paramref name="audience"/>.</returns>
    public bool TryRead(string audience, out AssertionSignature signature)
    {
        var wait = default(SpinWait);
        while (true)
        {
            var before = Volatile.Read(ref _sequence);
            if ((before & 1) == 0)
            {
                var kept = _audience;
                signature = _signature;
                Interlocked.MemoryBarrier();
                if (Volatile.Read(ref _sequence) == before)
                {
                    return before != 0 && string.Equals(kept, audience, StringComparison.Ordinal);
                }
            }

            wait.SpinOnce();
        }
    }

    /// <summary>True when the slot holds an assertion for <paramref name="audience"/>, whatever its signature.</summary>
    public readonly bool Holds(string audience) => string.Equals(Volatile.Read(in _audience), audience, StringComparison.Ordinal);

    public void Write(string audience, in AssertionSignature signature)
    {
        // A writer takes the sequence from even to odd itself, so the slot needs no lock object of its own; two
        // writers at once take turns here.
        var wait = default(SpinWait);
        int before;
        while (((before = Volatile.Read(ref _sequence)) & 1) != 0 || Interlocked.CompareExchange(ref _sequence, before + 1, before) != before)
        {
            wait.SpinOnce();
        }

        _audience = audience;
        _signature = signature;
        Volatile.Write(ref _sequence, before + 2);
    }
}
