using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Auth;
using Trachea.AuthEndpoints.Configuration;
using Trachea.AuthEndpoints.Errors;
using Trachea.AuthEndpoints.Passwords;
using Trachea.AuthEndpoints.RateLimiting;
using Trachea.AuthEndpoints.Revocation;
using Trachea.AuthEndpoints.Storage;
using Trachea.AuthEndpoints.Validation;

namespace Trachea.AuthEndpoints.Users;

/// <summary>
/// POST /users/me/password for username accounts: the current password is checked (and rate-limited) as at
/// login; on success every other session of the user ends and the caller gets fresh tokens.
/// </summary>
internal sealed class PasswordChangeService(
    ProfileService profiles,
    IUserStore users,
    IRefreshTokenStore refreshTokens,
    PasswordHasher passwords,
    RevocationService revocations,
    TokenService tokens,
    UsernameRateLimiter usernameLimits,
    IOptions<TracheaOptions> options,
    TimeProvider time,
    ILogger<PasswordChangeService> logger)
{
    public async Task<TokenResponse> ChangeAsync(CurrentUser caller, ChangePasswordRequest request, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        FieldRules.RequireLoginPassword(errors, "current_password", request.CurrentPassword);
        FieldRules.RequirePassword(errors, "new_password", request.NewPassword, options.Value.PasswordMinLength);
        errors.ThrowIfAny();

        var (user, _) = await profiles.LoadAsync(caller, cancellationToken);
        if (user.PasswordHash is null || user.Username is null)
        {
            throw TracheaException.Validation("current_password", $"This account signs in with {user.Provider}; it has no password to change.");
        }

        usernameLimits.Acquire(user.Username);
        if (!await passwords.VerifyAsync(request.CurrentPassword!, user.PasswordHash, cancellationToken))
        {
            AuthLog.LoginFailed(logger, caller.AppId, ErrorCodes.InvalidCredentials.Code);
            throw new TracheaException(ErrorCodes.InvalidCredentials, "The current password is wrong.");
        }

        var now = time.GetUtcNow();
        await users.SetPasswordHashAsync(user.Id, await passwords.HashAsync(request.NewPassword!, cancellationToken), now, cancellationToken);
        var revoked = await refreshTokens.RevokeAllForUserAsync(user.Id, now, cancellationToken);
        await revocations.RevokeMembershipsAsync(user.Id, null, "password changed", cancellationToken);
        AuthLog.PasswordChanged(logger, user.Id, revoked);

        // Read again: the new tokens carry the raised membership version.
        var (changed, membership) = await profiles.LoadAsync(caller, cancellationToken);
        return await tokens.StartSessionAsync(changed, membership, cancellationToken);
    }
}
