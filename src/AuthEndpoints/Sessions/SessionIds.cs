using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Trachea.AuthEndpoints.Sessions;

/// <summary>Browser-session ids: 32 random bytes (256 bits), base64url; only their SHA-256 is ever stored.</summary>
internal static class SessionIds
{
    private const int Length = 43;

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string id) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));

    /// <summary>True for a value <see cref="New"/> could have made; anything else is not looked up at all.</summary>
    public static bool IsWellFormed(string? value) => value is { Length: Length } && Base64Url.IsValid(value);
}
