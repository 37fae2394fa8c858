using Microsoft.Extensions.Logging;
using Trachea.AuthEndpoints.Access;
using Trachea.AuthEndpoints.Auth;
using Trachea.AuthEndpoints.Errors;
using Trachea.AuthEndpoints.Revocation;
using Trachea.AuthEndpoints.Storage;
using Trachea.AuthEndpoints.Validation;

namespace Trachea.AuthEndpoints.Users;

/// <summary>The /users/me operations, always for the caller's own account in the token's app.</summary>
internal sealed class ProfileService(
    IUserStore users,
    IAppStore apps,
    IRefreshTokenStore refreshTokens,
    MembershipChangeService membershipChanges,
    RevocationService revocations,
    TimeProvider time,
    ILogger<ProfileService> logger)
{
    public async Task<UserProfile> GetAsync(CurrentUser caller, CancellationToken cancellationToken)
    {
        var (user, membership) = await LoadAsync(caller, cancellationToken);
        return UserProfile.From(user, membership);
    }

    public async Task<UserProfile> UpdateAsync(CurrentUser caller, UpdateProfileRequest request, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        FieldRules.CheckText(errors, "name", request.Name, FieldRules.MaxTextLength);
        FieldRules.CheckText(errors, "avatar", request.Avatar, FieldRules.MaxAvatarLength);
        FieldRules.CheckText(errors, "phone", request.Phone, FieldRules.MaxPhoneLength);
        FieldRules.CheckDate(errors, "date_of_birth", request.DateOfBirth);
        request.Address?.Check(errors);
        if (request.Email is not null)
        {
            FieldRules.CheckEmail(errors, "email", request.Email);
        }

        errors.ThrowIfAny();
        await LoadAsync(caller, cancellationToken);
        var changes = new ProfileChanges
        {
            Name = request.Name,
            Avatar = request.Avatar,
            Phone = request.Phone,
            DateOfBirth = request.DateOfBirth,
            Address = request.Address?.ToAddress(),
            Email = request.Email is null ? null : FieldRules.NormalizeEmail(request.Email),
        };
        var updated = await users.UpdateProfileAsync(caller.UserId, changes, time.GetUtcNow(), cancellationToken)
            ?? throw new TracheaException(ErrorCodes.InvalidToken);
        return UserProfile.From(updated, RequireMembership(updated, caller.AppId));
    }

    public async Task<UserProfile> ChangePlanAsync(CurrentUser caller, UpdatePlanRequest request, CancellationToken cancellationToken)
    {
        if (Plans.Rank(request.Plan) < 0)
        {
            throw TracheaException.Validation("plan", $"Plan must be one of: {string.Join(", ", Plans.Ordered)}.");
        }

        var (user, _) = await LoadAsync(caller, cancellationToken);
        var app = await apps.FindAsync(caller.AppId, cancellationToken)
            ?? throw new TracheaException(ErrorCodes.InvalidToken, "The token's app is not registered.");
        if (!app.SelfServicePlans.Contains(request.Plan!))
        {
            throw new TracheaException(
                ErrorCodes.PlanNotSelfService,
                $"App '{app.AppId}' lets members choose only: {string.Join(", ", app.SelfServicePlans)}; other plans are granted by the app.");
        }

        if (Plans.IsPaid(request.Plan!) && user.Email is null)
        {
            throw new TracheaException(ErrorCodes.EmailRequiredForPaid, "Add an email to your profile before choosing a paid plan.");
        }

        var updated = await membershipChanges.ChangeAsync(user, caller.AppId, null, request.Plan, cancellationToken)
            ?? throw new TracheaException(ErrorCodes.InvalidToken);
        return UserProfile.From(updated, RequireMembership(updated, caller.AppId));
    }

    public async Task DeactivateAsync(CurrentUser caller, CancellationToken cancellationToken)
    {
        await LoadAsync(caller, cancellationToken);
        var now = time.GetUtcNow();
        await users.DeactivateAsync(caller.UserId, now, cancellationToken);
        await refreshTokens.RevokeAllForUserAsync(caller.UserId, now, cancellationToken);
        await revocations.RevokeMembershipsAsync(caller.UserId, null, "account deactivated", cancellationToken);
        AuthLog.Deactivated(logger, caller.UserId);
    }

    /// <summary>Loads the caller's active account and its membership of the token's app.</summary>
    internal async Task<(User User, AppMembership Membership)> LoadAsync(CurrentUser caller, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(caller.UserId, cancellationToken)
            ?? throw new TracheaException(ErrorCodes.InvalidToken, "The token's user does not exist.");
        if (!user.IsActive)
        {
            throw new TracheaException(ErrorCodes.UserInactive);
        }

        return (user, RequireMembership(user, caller.AppId));
    }

    private static AppMembership RequireMembership(User user, string appId) =>
        user.MembershipOf(appId) ?? throw new TracheaException(ErrorCodes.InvalidToken, "The token's user does not belong to its app.");
}
