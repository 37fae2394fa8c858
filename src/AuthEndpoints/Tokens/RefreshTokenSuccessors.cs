using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Configuration;

namespace Trachea.AuthEndpoints.Tokens;

/// <summary>
/// The refresh token that follows a given one: an HMAC of it under a key derived from TRACHEA_JWT_SECRET. Being
/// a function of the presented token, the same successor can be handed out again inside the refresh grace window
/// although only hashes are stored; without the secret it cannot be computed.
/// </summary>
internal sealed class RefreshTokenSuccessors(IOptions<TracheaOptions> options)
{
    private static readonly byte[] Purpose = Encoding.UTF8.GetBytes("trachea refresh-token successor v1");

    private readonly byte[] _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(options.Value.JwtSecret!), 32, info: Purpose);

    public string Of(string refreshToken) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(refreshToken)));
}
