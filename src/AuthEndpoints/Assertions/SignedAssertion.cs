namespace Trachea.AuthEndpoints.Assertions;

/// <summary>
/// One token's assertion for one audience, in compact form (about 130 bytes instead of the 1.4 KB of its text).
/// A renewal replaces its signature in place rather than the object, so a token's assertions leave no garbage
/// behind every 96 s that only a full collection would reclaim; readers take a consistent copy.
/// </summary>
internal sealed class SignedAssertion(string audience, AssertionSignature signature)
{
    // Guarded by this object's monitor: it is never handed out beyond the gateway's own code, and a per-object
    // lock field would cost every token another allocation.
    private AssertionSignature _signature = signature;

    public string Audience { get; } = audience;

    /// <summary>The current signature, copied whole.</summary>
    public AssertionSignature Signature
    {
        get
        {
            lock (this)
            {
                return _signature;
            }
        }
    }

    public void Renew(in AssertionSignature signature)
    {
        lock (this)
        {
            _signature = signature;
        }
    }
}
