namespace Trachea.AuthEndpoints.Storage;

/// <summary>The assertion signing keys every instance shares (docs/store-schema.md, <c>signing_keys</c>).</summary>
internal interface ISigningKeyStore
{
    /// <returns>Every key, retired ones included, oldest first.</returns>
    Task<IReadOnlyList<SigningKeyRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="key"/> as the first key of the ring unless a first key was stored before, atomically:
    /// of two instances starting at once on an empty store, exactly one key is kept.
    /// </summary>
    /// <returns>False when a first key already existed (nothing was stored).</returns>
    Task<bool> InsertInitialAsync(SigningKeyRecord key, CancellationToken cancellationToken);

    /// <returns>False when a key with this kid exists already.</returns>
    Task<bool> InsertAsync(SigningKeyRecord key, CancellationToken cancellationToken);

    /// <summary>Sets <c>retired_at</c> of a key that is not retired yet.</summary>
    /// <returns>False when no such key exists or it was retired before.</returns>
    Task<bool> RetireAsync(string kid, DateTimeOffset retiredAt, CancellationToken cancellationToken);
}
