using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Trachea.AuthEndpoints.Apps;

/// <summary>
/// App secrets: 32 random bytes shown once; only their SHA-256 is stored. A fast hash is enough
/// because the secret has full entropy (unlike a password).
/// </summary>
internal static class AppSecrets
{
    public static (string Secret, string Hash) Create()
    {
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (secret, Hash(secret));
    }

    public static bool Matches(string secret, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(storedHash));

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
