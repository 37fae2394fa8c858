using Trachea.AuthEndpoints.Storage;

namespace Trachea.AuthEndpoints.Assertions;

/// <summary>
/// What <c>keys list|rotate|retire</c> do to the ring in the store (docs/command-line.md); running instances read
/// the change within <see cref="KeyRing.PollInterval"/>.
/// </summary>
internal sealed class SigningKeyAdministration(ISigningKeyStore store, SigningKeyFactory factory, TimeProvider time)
{
    /// <summary>How long a rotated key is published before it signs: longer than the JWKS cache (5 minutes) plus a poll.</summary>
    public static readonly TimeSpan RotationDelay = TimeSpan.FromMinutes(10);

    public enum RetireOutcome
    {
        Retired,
        NotFound,
        AlreadyRetired,
        LastKey,
    }

    public Task<IReadOnlyList<SigningKeyRecord>> ListAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

    /// <returns>The new key: published at once, signing from <see cref="RotationDelay"/> later.</returns>
    public async Task<SigningKeyRecord> RotateAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var key = factory.Create(now, now + RotationDelay);
        // A kid is the thumbprint of a fresh random key: it cannot already be in the ring.
        await store.InsertAsync(key, cancellationToken);
        return key;
    }

    /// <summary>Stops the key signing at once; it stays published until its last assertion has expired.</summary>
    public async Task<RetireOutcome> RetireAsync(string kid, CancellationToken cancellationToken)
    {
        var keys = await store.ListAsync(cancellationToken);
        var key = keys.FirstOrDefault(k => k.Kid == kid);
        if (key is null)
        {
            return RetireOutcome.NotFound;
        }

        if (key.RetiredAt is not null)
        {
            return RetireOutcome.AlreadyRetired;
        }

        // Without another key nothing could sign; the operator rotates first.
        if (!keys.Any(k => k.Kid != kid && k.RetiredAt is null))
        {
            return RetireOutcome.LastKey;
        }

        return await store.RetireAsync(kid, time.GetUtcNow(), cancellationToken) ? RetireOutcome.Retired : RetireOutcome.AlreadyRetired;
    }
}
