using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Configuration;
using Trachea.AuthEndpoints.Storage;
using Trachea.AuthEndpoints.Tokens;
using Trachea.AuthEndpoints.Users;

namespace Trachea.AuthEndpoints.Auth;

/// <summary>Issues access tokens and refresh tokens for one user in one app.</summary>
internal sealed class TokenService(
    AccessTokenIssuer accessTokens,
    IRefreshTokenStore refreshTokens,
    IOptions<TracheaOptions> options,
    TimeProvider time)
{
    /// <summary>When a refresh token issued now expires.</summary>
    public DateTimeOffset RefreshExpiry => time.GetUtcNow().AddDays(options.Value.RefreshTokenExpireDays);

    /// <summary>Starts a new session (a sign-in): a new refresh-token family, stored, and an access token in it.</summary>
    public async Task<TokenResponse> StartSessionAsync(User user, AppMembership membership, CancellationToken cancellationToken)
    {
        var refreshToken = RefreshTokenFactory.Create();
        var sid = Guid.NewGuid().ToString("N");
        await refreshTokens.InsertAsync(
            new RefreshTokenRecord
            {
                TokenHash = RefreshTokenFactory.Hash(refreshToken),
                UserId = user.Id,
                AppId = membership.AppId,
                FamilyId = sid,
                ExpiresAt = RefreshExpiry,
            },
            cancellationToken);
        return Respond(user, membership, sid, refreshToken);
    }

    /// <summary>The token response for a refresh token that is already stored.</summary>
    public TokenResponse Respond(User user, AppMembership membership, string sid, string refreshToken) => new(
        accessTokens.Issue(user, membership, sid),
        refreshToken,
        "bearer",
        (int)accessTokens.Lifetime.TotalSeconds,
        UserProfile.From(user, membership));
}
