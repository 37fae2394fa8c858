using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.Proxy;

/// <summary>Hand-made tokens that a gateway must refuse (and a few it must accept), built like its own.</summary>
public static class TestTokens
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public static string Create(
        DateTimeOffset? expires = null,
        string secret = GatewayApplication.JwtSecret,
        string algorithm = SecurityAlgorithms.HmacSha256,
        string issuer = "trachea",
        string appId = TestApps.Demo,
        string role = "member",
        bool withExpiry = true)
    {
        var now = DateTimeOffset.UtcNow;
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = appId,
            IssuedAt = now.AddMinutes(-5).UtcDateTime,
            Expires = withExpiry ? (expires ?? now.AddMinutes(5)).UtcDateTime : null,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = "0123456789abcdef01234567",
                ["app_id"] = appId,
                ["role"] = role,
                ["plan"] = "free",
                ["provider"] = "username",
                ["jti"] = Guid.NewGuid().ToString("N"),
            },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), algorithm),
        });
    }

    /// <summary>A valid token whose payload is rewritten (role admin), the signature kept.</summary>
    public static string Tampered(string token)
    {
        var parts = token.Split('.');
        var payload = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Base64Url.DecodeFromChars(parts[1]))!;
        payload["role"] = JsonSerializer.SerializeToElement("admin");
        return $"{parts[0]}.{Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(payload))}.{parts[2]}";
    }

    /// <summary>The payload of a valid token under an <c>alg: none</c> header, without a signature.</summary>
    public static string WithAlgNone(string token)
    {
        var header = Base64Url.EncodeToString("""{"alg":"none","typ":"JWT"}"""u8);
        return $"{header}.{token.Split('.')[1]}.";
    }

    public static string OtherSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
}
