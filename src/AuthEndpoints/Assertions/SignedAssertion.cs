namespace Trachea.AuthEndpoints.Assertions;

/// <summary>
/// One token's assertion for one audience, in compact form (144 bytes instead of the 1.4 KB of its text).
/// A renewal replaces its signature in place rather than the object, so a token's assertions leave no garbage
/// behind every 96 s that only a full collection would reclaim. Readers take a consistent copy without a lock
/// (a sequence lock: a copy made while a renewal was writing is taken again), so the many requests of one busy
/// token do not contend.
/// </summary>
internal sealed class SignedAssertion(string audience, AssertionSignature signature)
{
    private AssertionSignature _signature = signature;

    // Even while the signature is stable, odd while a renewal writes it.
    private int _sequence;

    public string Audience { get; } = audience;

    /// <summary>The current signature, copied whole.</summary>
    public AssertionSignature Signature
    {
        get
        {
            var wait = default(SpinWait);
            while (true)
            {
                var before = Volatile.Read(ref _sequence);
                if ((before & 1) == 0)
                {
                    var copy = _signature;
                    Interlocked.MemoryBarrier();
                    if (Volatile.Read(ref _sequence) == before)
                    {
                        return copy;
                    }
                }

                wait.SpinOnce();
            }
        }
    }

    public void Renew(in AssertionSignature signature)
    {
        // Renewals are rare (one per token every 96 s by default); the monitor only keeps two of them apart.
        lock (this)
        {
            Volatile.Write(ref _sequence, _sequence + 1);
            Interlocked.MemoryBarrier();
            _signature = signature;
            Volatile.Write(ref _sequence, _sequence + 1);
        }
    }
}
