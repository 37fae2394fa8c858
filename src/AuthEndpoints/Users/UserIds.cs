using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Trachea.AuthEndpoints.Users;

/// <summary>
/// New user ids shaped like MongoDB ObjectIds (24 hex digits, seconds first), so the same id works
/// in both stores and in databases written by trachea-login.
/// </summary>
internal static class UserIds
{
    public static string New(DateTimeOffset now)
    {
        Span<byte> bytes = stackalloc byte[12];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)now.ToUnixTimeSeconds());
        RandomNumberGenerator.Fill(bytes[4..]);
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>24 lower-case hex digits, as <see cref="New"/> and MongoDB write them.</summary>
    public static bool IsWellFormed(string id) => id.Length == 24 && id.All(char.IsAsciiHexDigitLower);
}
