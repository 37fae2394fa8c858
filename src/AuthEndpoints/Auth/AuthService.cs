using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Access;
using Trachea.AuthEndpoints.Apps;
using Trachea.AuthEndpoints.Configuration;
using Trachea.AuthEndpoints.Errors;
using Trachea.AuthEndpoints.Passwords;
using Trachea.AuthEndpoints.Revocation;
using Trachea.AuthEndpoints.Storage;
using Trachea.AuthEndpoints.Telemetry;
using Trachea.AuthEndpoints.Tokens;
using Trachea.AuthEndpoints.Users;
using Trachea.AuthEndpoints.Validation;

namespace Trachea.AuthEndpoints.Auth;

/// <summary>
/// The username path (register, login), refresh rotation with reuse detection (and the optional grace window,
/// docs/revocation.md), and logout.
/// </summary>
internal sealed class AuthService(
    AppGate appGate,
    IUserStore users,
    IRefreshTokenStore refreshTokens,
    PasswordHasher passwords,
    TokenService tokens,
    RefreshTokenSuccessors successors,
    RevocationService revocations,
    MembershipService memberships,
    IOptions<TracheaOptions> options,
    TimeProvider time,
    ILogger<AuthService> logger,
    TracheaMetrics metrics)
{
    public async Task<TokenResponse> RegisterAsync(RegisterRequest request, CancellationToken cancellationToken)
    {
        var (user, membership) = await CreateUserAsync(request, cancellationToken);
        return await tokens.StartSessionAsync(user, membership, cancellationToken);
    }

    /// <summary>Creates a username account (plan free, role member) in the request's app; the caller starts its session.</summary>
    public async Task<(User User, AppMembership Membership)> CreateUserAsync(RegisterRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
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
        return (user, membership);
    }

    public async Task<TokenResponse> LoginWithPasswordAsync(string? username, string? password, string? appId, CancellationToken cancellationToken)
    {
        var (member, membership) = await VerifyPasswordAsync(username, password, appId, cancellationToken);
        return await tokens.StartSessionAsync(member, membership, cancellationToken);
    }

    /// <summary>Checks username and password for the app (entering it on a first visit); the caller starts the session.</summary>
    public async Task<(User User, AppMembership Membership)> VerifyPasswordAsync(
        string? username, string? password, string? appId, CancellationToken cancellationToken)
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
        return (member, membership);
    }

    public async Task<TokenResponse> RefreshAsync(RefreshRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.RefreshToken))
        {
            throw TracheaException.Validation("refresh_token", "Refresh token is required.");
        }

        var tokenHash = RefreshTokenFactory.Hash(request.RefreshToken);
        var tokenLabel = RefreshTokenFactory.LogLabel(tokenHash);
        var successor = successors.Of(request.RefreshToken);
        var now = time.GetUtcNow();
        var redemption = await refreshTokens.RotateAsync(tokenHash, RefreshTokenFactory.Hash(successor), tokens.RefreshExpiry, now, cancellationToken);
        switch (redemption)
        {
            case { Outcome: RedemptionOutcome.Redeemed, Token: { } redeemed }:
                return await ContinueSessionAsync(redeemed, successor, cancellationToken);
            case { Outcome: RedemptionOutcome.Reused, Token: { UsedAt: { } usedAt } reused, SuccessorLive: true } when InGraceWindow(usedAt, now):
                AuthLog.RefreshGraceReplay(logger, tokenLabel, reused.UserId);
                return await ContinueSessionAsync(reused, successor, cancellationToken);
            case { Outcome: RedemptionOutcome.Reused, Token: { } reused }:
                var revoked = await refreshTokens.RevokeAllForUserAsync(reused.UserId, now, cancellationToken);
                await revocations.RevokeMembershipsAsync(reused.UserId, null, "refresh-token reuse", cancellationToken);
                AuthLog.RefreshReuse(logger, tokenLabel, reused.UserId, revoked);
                metrics.RefreshReuse();
                throw new TracheaException(ErrorCodes.RefreshTokenReuse, "This refresh token was already used; every session of this user has been signed out.");
            default:
                throw new TracheaException(ErrorCodes.RefreshTokenInvalid, "The refresh token is unknown, expired or revoked.");
        }
    }

    public async Task LogoutAsync(string userId, CancellationToken cancellationToken)
    {
        var revoked = await refreshTokens.RevokeAllForUserAsync(userId, time.GetUtcNow(), cancellationToken);
        await revocations.RevokeMembershipsAsync(userId, null, "logout", cancellationToken);
        AuthLog.LoggedOut(logger, userId, revoked);
    }

    // Re-reads the user, so role and plan changes and deactivation apply from the next refresh.
    private async Task<TokenResponse> ContinueSessionAsync(RefreshTokenRecord token, string successor, CancellationToken cancellationToken)
    {
        await appGate.RequireActiveAsync(token.AppId, cancellationToken);
        var user = await users.FindByIdAsync(token.UserId, cancellationToken);
        var membership = user?.MembershipOf(token.AppId)
            ?? throw new TracheaException(ErrorCodes.RefreshTokenInvalid);
        if (Admission.Refusal(user, membership) is { } refused)
        {
            throw refused;
        }

        return tokens.Respond(user, membership, token.FamilyId, successor);
    }

    private bool InGraceWindow(DateTimeOffset usedAt, DateTimeOffset now) =>
        options.Value.RefreshGraceSeconds > 0 && now - usedAt <= TimeSpan.FromSeconds(options.Value.RefreshGraceSeconds);
}
