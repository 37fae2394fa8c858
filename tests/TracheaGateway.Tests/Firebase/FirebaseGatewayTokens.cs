using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Trachea.Tests.Firebase;

/// <summary>
/// Firebase ID tokens a whole in-process gateway accepts: on the real clock (the host's), signed by a key that a
/// <see cref="FirebaseKeyServer"/> publishes, with <c>email_verified</c> chosen by the test.
/// </summary>
internal sealed class FirebaseGatewayTokens : IDisposable
{
    public const string ProjectId = "trachea-gateway-test";

    private readonly FirebaseKeyServer _keys = new();
    private readonly FirebaseTestKey _key = new("gateway-key");

    public FirebaseGatewayTokens() => _keys.Publish([_key]);

    /// <summary>The settings that point a gateway at this project and these keys.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["Trachea:FirebaseProjectId"] = ProjectId,
        ["Trachea:FirebaseKeysUrl"] = _keys.KeysUrl,
    };

    /// <param name="uid">The Firebase user id (<c>sub</c>).</param>
    /// <param name="provider">The <c>firebase.sign_in_provider</c>.</param>
    /// <param name="email">The <c>email</c> claim; null leaves it out.</param>
    /// <param name="emailVerified">The <c>email_verified</c> claim; null leaves it out.</param>
    /// <param name="signedInAgo">How long before now <c>auth_time</c> lies; one minute unless told.</param>
    public string Token(string uid, string provider, string? email, bool? emailVerified, TimeSpan? signedInAgo = null)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = new Dictionary<string, object?>
        {
            ["iss"] = $"https://securetoken.google.com/{ProjectId}",
            ["aud"] = ProjectId,
            ["sub"] = uid,
            ["user_id"] = uid,
            ["auth_time"] = now - (long)(signedInAgo ?? TimeSpan.FromMinutes(1)).TotalSeconds,
            ["iat"] = now - 30,
            ["exp"] = now + 3600,
            ["email"] = email,
            ["email_verified"] = emailVerified,
            ["name"] = "Firebase User",
            ["firebase"] = new Dictionary<string, object> { ["sign_in_provider"] = provider },
        };
        var payload = JsonSerializer.Serialize(claims.Where(claim => claim.Value is not null).ToDictionary());
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(payload, new SigningCredentials(_key.PrivateKey, SecurityAlgorithms.RsaSha256));
    }

    public void Dispose() => _keys.Dispose();
}
