using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Trachea.AuthEndpoints.Configuration;
using Trachea.AuthEndpoints.Storage;

namespace Trachea.AuthEndpoints.Tokens;

/// <summary>Issues the gateway's HS256 access tokens.</summary>
internal sealed class AccessTokenIssuer(JwtSigningKey signingKey, IOptions<TracheaOptions> options, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public TimeSpan Lifetime => TimeSpan.FromMinutes(options.Value.AccessTokenExpireMinutes);

    /// <param name="sid">The session (refresh-token family) the token belongs to.</param>
    public string Issue(User user, AppMembership membership, string sid)
    {
        var now = time.GetUtcNow();
        var claims = IdentityClaims.For(user, membership, sid);
        claims[TokenClaims.TokenId] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TokenClaims.Issuer,
            Audience = membership.AppId,
            IssuedAt = now.UtcDateTime,
            Expires = (now + Lifetime).UtcDateTime,
            Claims = claims,
            SigningCredentials = signingKey.Credentials,
        });
    }
}
