namespace Trachea.AuthEndpoints.Assertions;

/// <summary>
/// One token's assertion for one audience, in compact form (136 bytes instead of the 1.4 KB of its text), and the
/// link to the token's next one: a token's assertions are a short list, newest first, with no array to hold it.
/// A renewal replaces its signature in place rather than the object, so a token's assertions leave no garbage
/// behind at every renewal that only a full collection would reclaim. Readers take a consistent copy without a
/// lock (a sequence lock: a copy made while a renewal was writing is taken again), so the many requests of one
/// busy token do not contend.
/// </summary>
internal sealed class SignedAssertion(string audience, AssertionSignature signature, SignedAssertion? next)
{
    private AssertionSignature _signature = signature;

    private volatile SignedAssertion? _next = next;

    // Even while the signature is stable, odd while a renewal writes it.
    private int _sequence;

    public string Audience { get; } = audience;

    /// <summary>The token's assertion for another audience, signed before this one; null at the end of the list.</summary>
    public SignedAssertion? Next => _next;

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

    /// <summary>Ends the list here: the assertions after this one are dropped.</summary>
    public void Truncate() => _next = null;

    public void Renew(in AssertionSignature signature)
    {
        // A writer takes the sequence from even to odd itself rather than a monitor: RenderedAssertions has put
        // this object's hash code in its header, so a lock on it would give each renewed assertion a sync block.
        var wait = default(SpinWait);
        int before;
        while (((before = Volatile.Read(ref _sequence)) & 1) != 0 || Interlocked.CompareExchange(ref _sequence, before + 1, before) != before)
        {
            wait.SpinOnce();
        }

        _signature = signature;
        Volatile.Write(ref _sequence, before + 2);
    }
}
