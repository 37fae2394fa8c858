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
        var claims = new Dictionary<string, object>
        {
            [TokenClaims.Subject] = user.Id,
            [TokenClaims.AppId] = membership.AppId,
            [TokenClaims.Role] = membership.Role,
            [TokenClaims.Plan] = membership.Plan,
            [TokenClaims.Provider] = user.Provider,
            [TokenClaims.TokenId] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            [TokenClaims.Version] = membership.Version,
            [TokenClaims.SessionId] = sid,
        };
        if (user.Email is not null)
        {
            claims[TokenClaims.Email] = user.Email;
        }

        if (user.Username is not null)
        {
            claims[TokenClaims.Username] = user.Username;
        }

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
