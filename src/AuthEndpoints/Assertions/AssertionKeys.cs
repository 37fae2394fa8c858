using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Configuration;
using Trachea.AuthEndpoints.Startup;
using Trachea.AuthEndpoints.Storage;

namespace Trachea.AuthEndpoints.Assertions;

/// <summary>
/// This instance's copy of the store's key ring (docs/assertion.md): created with one key on a first start, read
/// again by <see cref="AssertionKeyPoller"/>. A private key is decrypted once per kid and kept for the life of the
/// process; the store's copy stays encrypted.
/// </summary>
internal sealed partial class AssertionKeys(
    ISigningKeyStore store,
    SigningKeyFactory factory,
    SigningKeyProtector protector,
    IOptions<TracheaOptions> options,
    TimeProvider time,
    ILogger<AssertionKeys> logger)
{
    private readonly ConcurrentDictionary<string, AssertionSigner> _signers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _undecryptable = new(StringComparer.Ordinal);
    private volatile KeyRing _ring = KeyRing.Empty;

    public KeyRing Current => _ring;

    /// <summary>Creates the first key on an empty store (one key however many instances start at once), then reads the ring.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if ((await store.ListAsync(cancellationToken).ConfigureAwait(false)).Count == 0)
        {
            var now = time.GetUtcNow();
            var first = factory.Create(now, now);
            if (await store.InsertInitialAsync(first, cancellationToken).ConfigureAwait(false))
            {
                LogFirstKeyCreated(logger, first.Kid);
            }
        }

        await ReloadAsync(cancellationToken).ConfigureAwait(false);
        if (AssertionSettings.IsOn(options.Value) && _ring.SignerAt(time.GetUtcNow()) is null)
        {
            throw new StartupException(
                "No assertion signing key in the store can sign: each is retired or was encrypted under another TRACHEA_JWT_SECRET. Run `keys rotate` to add one (or set TRACHEA_ASSERTION=off).");
        }
    }

    /// <summary>Reads the ring from the store; a store failure propagates and the ring read before stays in use.</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var keys = await store.ListAsync(cancellationToken).ConfigureAwait(false);
        var publicKeys = new List<(PublicJwk, DateTimeOffset?)>(keys.Count);
        var signers = new List<AssertionSigner>(keys.Count);
        foreach (var key in keys)
        {
            if (PublicJwk.Read(key.Kid, key.PublicJwk) is { } jwk)
            {
                publicKeys.Add((jwk, key.RetiredAt));
            }

            if (key.RetiredAt is null && SignerOf(key) is { } signer)
            {
                signers.Add(signer);
            }
        }

        _ring = new KeyRing(publicKeys, signers);
    }

    private AssertionSigner? SignerOf(SigningKeyRecord key)
    {
        if (_signers.TryGetValue(key.Kid, out var known))
        {
            return known;
        }

        var privateKey = protector.Unprotect(key.Kid, key.PrivateKey);
        if (privateKey is null)
        {
            if (_undecryptable.TryAdd(key.Kid, true))
            {
                LogUndecryptable(logger, key.Kid);
            }

            return null;
        }

        try
        {
            var ecdsa = ECDsa.Create();
            ecdsa.ImportPkcs8PrivateKey(privateKey, out _);
            var signer = new AssertionSigner(key.Kid, key.SignsFrom, ecdsa);
            var kept = _signers.GetOrAdd(key.Kid, signer);
            if (kept != signer)
            {
                ecdsa.Dispose();
            }

            return kept;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
        }
    }

    [LoggerMessage(EventId = 2301, Level = LogLevel.Information, Message = "Created the first assertion signing key {Kid}")]
    private static partial void LogFirstKeyCreated(ILogger logger, string kid);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Error, Message = "The assertion signing key {Kid} cannot be decrypted with this TRACHEA_JWT_SECRET: this instance does not sign with it")]
    private static partial void LogUndecryptable(ILogger logger, string kid);
}
