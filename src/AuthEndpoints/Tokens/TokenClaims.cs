namespace Trachea.AuthEndpoints.Tokens;

/// <summary>Claim names of the gateway's access token (docs/http-api.md, "Tokens").</summary>
internal static class TokenClaims
{
    public const string Issuer = "trachea";
    public const string Subject = "sub";
    public const string AppId = "app_id";
    public const string Role = "role";
    public const string Plan = "plan";
    public const string Provider = "provider";
    public const string Email = "email";
    public const string Username = "username";
    public const string TokenId = "jti";
    public const string Audience = "aud";
    public const string Expires = "exp";

    /// <summary>The membership version at issue time (docs/revocation.md).</summary>
    public const string Version = "ver";

    /// <summary>The session (refresh-token family) the token belongs to.</summary>
    public const string SessionId = "sid";
}
