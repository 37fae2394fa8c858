using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Trachea.AuthEndpoints.Tokens;

/// <summary>
/// The single definition of what a valid gateway token is: HS256 only, our issuer, an audience equal
/// to the token's own <c>app_id</c>, <c>exp</c> required, at most 30 s of clock skew.
/// Which app a request may act for is decided by the caller (route or endpoint), never here.
/// </summary>
internal static class AccessTokenValidation
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public static TokenValidationParameters CreateParameters(SecurityKey key) => new()
    {
        ValidIssuer = TokenClaims.Issuer,
        ValidateIssuer = true,
        ValidateAudience = true,
        AudienceValidator = AudienceMatchesAppId,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        IssuerSigningKey = key,
        ValidateIssuerSigningKey = true,
        ClockSkew = ClockSkew,
        NameClaimType = TokenClaims.Subject,
        RoleClaimType = TokenClaims.Role,
    };

    private static bool AudienceMatchesAppId(IEnumerable<string> audiences, SecurityToken token, TokenValidationParameters parameters) =>
        token is JsonWebToken jwt
        && jwt.TryGetPayloadValue<string>(TokenClaims.AppId, out var appId)
        && !string.IsNullOrEmpty(appId)
        && audiences.SingleOrDefault() == appId;
}
