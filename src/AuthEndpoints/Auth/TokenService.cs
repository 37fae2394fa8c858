using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Configuration;
using Trachea.AuthEndpoints.Storage;
using Trachea.AuthEndpoints.Tokens;
using Trachea.AuthEndpoints.Users;

namespace Trachea.AuthEndpoints.Auth;

/// <summary>Issues an access token and a stored refresh token for one user in one app.</summary>
internal sealed class TokenService(
    AccessTokenIssuer accessTokens,
    IRefreshTokenStore refreshTokens,
    IOptions<TracheaOptions> options,
    TimeProvider time)
{
    /// <param name="familyId">The rotation family to continue; null starts a new one (a login).</param>
    public async Task<TokenResponse> IssueAsync(User user, AppMembership membership, string? familyId, CancellationToken cancellationToken)
    {
        var refreshToken = RefreshTokenFactory.Create();
        await refreshTokens.InsertAsync(
            new RefreshTokenRecord
            {
                TokenHash = RefreshTokenFactory.Hash(refreshToken),
                UserId = user.Id,
                AppId = membership.AppId,
                FamilyId = familyId ?? Guid.NewGuid().ToString("N"),
                ExpiresAt = time.GetUtcNow().AddDays(options.Value.RefreshTokenExpireDays),
            },
            cancellationToken);
        return new TokenResponse(
            accessTokens.Issue(user, membership),
            refreshToken,
            "bearer",
            (int)accessTokens.Lifetime.TotalSeconds,
            UserProfile.From(user, membership));
    }
}
