using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Trachea.AuthEndpoints.Tokens;

/// <summary>Opaque refresh tokens: 32 random bytes, base64url; only their SHA-256 is ever stored.</summary>
internal static class RefreshTokenFactory
{
    public static string Create() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>A short, non-reversible label for logs.</summary>
    public static string LogLabel(string tokenHash) => tokenHash[..12];
}
