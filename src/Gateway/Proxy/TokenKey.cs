using System.Buffers;
using System.Buffers.Text;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// What <see cref="ValidatedTokenCache"/> knows a token by: the first 64 bits of its own signature, already a keyed
/// hash of the token (HMAC-SHA256 under the gateway's secret: no one without the secret can make one for other
/// content), and a 64-bit hash of the whole Authorization value under a seed drawn at start-up. A value has an
/// entry's key only if it carries that token's signature and hashes like that token's exact value; computing it
/// takes no SHA-256, and it is 16 bytes instead of the token string.
/// </summary>
internal readonly record struct TokenKey(ulong Signature, ulong Value)
{
    // An HS256 signature: 32 bytes, 43 base64url characters after the token's last dot.
    private const int SignatureChars = 43;
    private const int SignatureBytes = 32;

    private static readonly long Seed = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(sizeof(long)));

    /// <summary>Where the key's entry goes in a table: bits of the signature, which are uniform.</summary>
    public int Hash => (int)Signature;

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

    public override int GetHashCode() => Hash;
}
