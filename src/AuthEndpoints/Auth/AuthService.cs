using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Access;
using Trachea.AuthEndpoints.Apps;
using Trachea.AuthEndpoints.Configuration;
using Trachea.AuthEndpoints.Errors;
using Trachea.AuthEndpoints.Passwords;
using Trachea.AuthEndpoints.Storage;
using Trachea.AuthEndpoints.Telemetry;
using Trachea.AuthEndpoints.Tokens;
using Trachea.AuthEndpoints.Users;
using Trachea.AuthEndpoints.Validation;

namespace Trachea.AuthEndpoints.Auth;

/// <summary>The username path (register, login), refresh rotation with reuse detection, and logout.</summary>
internal sealed class AuthService(
    AppGate appGate,
    IUserStore users,
    IRefreshTokenStore refreshTokens,
    PasswordHasher passwords,
    TokenService tokens,
    MembershipService memberships,
    IOptions<TracheaOptions> options,
    TimeProvider time,
    ILogger<AuthService> logger,
    TracheaMetrics metrics)
{
    public async Task<TokenResponse> RegisterAsync(RegisterRequest request, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        FieldRules.RequireUsername(errors, "username", request.Username);
        FieldRules.RequirePassword(errors, "password", request.Password, options.Value.PasswordMinLength);
        FieldRules.CheckText(errors, "name", request.Name, FieldRules.MaxTextLength);
        errors.ThrowIfAny();

        var app = await appGate.RequireMethodAsync(request.AppId, AuthMethods.Username, cancellationToken);
        var now = time.GetUtcNow();
        var membership = new AppMembership(app.AppId, Roles.Member, Plans.Free, now);
        var user = new User
        {
            Id = UserIds.New(now),
            Username = FieldRules.NormalizeUsername(request.Username!),
            PasswordHash = await passwords.HashAsync(request.Password!, cancellationToken),
            Name = request.Name,
            Provider = AuthMethods.Username,
            Apps = [membership],
            CreatedAt = now,
            UpdatedAt = now,
        };
        await users.InsertAsync(user, cancellationToken);
        AuthLog.Registered(logger, user.Id, app.AppId);
        return await tokens.IssueAsync(user, membership, null, cancellationToken);
    }

    public async Task<TokenResponse> LoginWithPasswordAsync(string? username, string? password, string? appId, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrEmpty(username))
        {
            errors.Add("username", "Username is required.");
        }

        FieldRules.RequireLoginPassword(errors, "password", password);
        errors.ThrowIfAny();

        var app = await appGate.RequireMethodAsync(appId, AuthMethods.Username, cancellationToken);
        var user = await users.FindByUsernameAsync(FieldRules.NormalizeUsername(username!), cancellationToken);
        if (!await passwords.VerifyAsync(password!, user?.PasswordHash, cancellationToken) || user is null)
        {
            AuthLog.LoginFailed(logger, app.AppId, ErrorCodes.InvalidCredentials.Code);
            throw new TracheaException(ErrorCodes.InvalidCredentials);
        }

        var (member, membership) = await memberships.EnterAsync(user, app.AppId, cancellationToken);
        AuthLog.LoggedIn(logger, member.Id, app.AppId, AuthMethods.Username);
        return await tokens.IssueAsync(member, membership, null, cancellationToken);
    }

    public async Task<TokenResponse> RefreshAsync(RefreshRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.RefreshToken))
        {
            throw TracheaException.Validation("refresh_token", "Refresh token is required.");
        }

        var tokenHash = RefreshTokenFactory.Hash(request.RefreshToken);
        var redemption = await refreshTokens.RedeemAsync(tokenHash, time.GetUtcNow(), cancellationToken);
        switch (redemption)
        {
            case { Outcome: RedemptionOutcome.Reused, Token: { } reused }:
                var revoked = await refreshTokens.RevokeAllForUserAsync(reused.UserId, time.GetUtcNow(), cancellationToken);
                AuthLog.RefreshReuse(logger, RefreshTokenFactory.LogLabel(tokenHash), reused.UserId, revoked);
                metrics.RefreshReuse();
                throw new TracheaException(ErrorCodes.RefreshTokenReuse, "This refresh token was already used; every session of this user has been signed out.");
            case { Outcome: RedemptionOutcome.Redeemed, Token: { } redeemed }:
                await appGate.RequireActiveAsync(redeemed.AppId, cancellationToken);
                var user = await users.FindByIdAsync(redeemed.UserId, cancellationToken);
                var membership = user?.MembershipOf(redeemed.AppId)
                    ?? throw new TracheaException(ErrorCodes.RefreshTokenInvalid);
                if (!user.IsActive)
                {
                    throw new TracheaException(ErrorCodes.UserInactive);
                }

                return await tokens.IssueAsync(user, membership, redeemed.FamilyId, cancellationToken);
            default:
                throw new TracheaException(ErrorCodes.RefreshTokenInvalid, "The refresh token is unknown, expired or revoked.");
        }
    }

    public async Task LogoutAsync(string userId, CancellationToken cancellationToken)
    {
        var revoked = await refreshTokens.RevokeAllForUserAsync(userId, time.GetUtcNow(), cancellationToken);
        AuthLog.LoggedOut(logger, userId, revoked);
    }
}
