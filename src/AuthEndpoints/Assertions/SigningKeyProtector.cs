using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Configuration;

namespace Trachea.AuthEndpoints.Assertions;

/// <summary>
/// Encrypts assertion private keys for the store (docs/security.md): AES-256-GCM under a key derived from
/// TRACHEA_JWT_SECRET with HKDF-SHA256, a random 96-bit nonce per key, and the kid as associated data, so a
/// ciphertext moved to another kid's row does not decrypt. Stored as <c>v1.</c> + base64url(nonce | ciphertext | tag).
/// </summary>
internal sealed class SigningKeyProtector(IOptions<TracheaOptions> options)
{
    private const string Prefix = "v1.";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] Purpose = "trachea assertion signing key encryption v1"u8.ToArray();

    private readonly Lazy<byte[]> _key = new(() => HKDF.DeriveKey(
        HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(options.Value.JwtSecret!), 32, salt: [], info: Purpose));

    public string Protect(string kid, ReadOnlySpan<byte> privateKey)
    {
        var sealedKey = new byte[NonceSize + privateKey.Length + TagSize];
        var nonce = sealedKey.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key.Value, TagSize);
        aes.Encrypt(nonce, privateKey, sealedKey.AsSpan(NonceSize, privateKey.Length), sealedKey.AsSpan(NonceSize + privateKey.Length), Encoding.UTF8.GetBytes(kid));
        return Prefix + Base64Url.EncodeToString(sealedKey);
    }

    /// <returns>The private key, or null when it was encrypted under another secret or has been altered.</returns>
    public byte[]? Unprotect(string kid, string protectedKey)
    {
        if (!protectedKey.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        byte[] sealedKey;
        try
        {
            sealedKey = Base64Url.DecodeFromChars(protectedKey.AsSpan(Prefix.Length));
        }
        catch (FormatException)
        {
            return null;
        }

        if (sealedKey.Length <= NonceSize + TagSize)
        {
            return null;
        }

        var privateKey = new byte[sealedKey.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key.Value, TagSize);
        try
        {
            aes.Decrypt(sealedKey.AsSpan(0, NonceSize), sealedKey.AsSpan(NonceSize, privateKey.Length), sealedKey.AsSpan(NonceSize + privateKey.Length), privateKey, Encoding.UTF8.GetBytes(kid));
            return privateKey;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }
}
