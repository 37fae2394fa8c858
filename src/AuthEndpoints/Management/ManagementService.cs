using System.Globalization;
using Microsoft.Extensions.Logging;
using Trachea.AuthEndpoints.Access;
using Trachea.AuthEndpoints.Errors;
using Trachea.AuthEndpoints.Revocation;
using Trachea.AuthEndpoints.Storage;
using Trachea.AuthEndpoints.Users;
using Trachea.AuthEndpoints.Validation;

namespace Trachea.AuthEndpoints.Management;

/// <summary>An app's own users, as its server manages them: only members of that app are visible.</summary>
internal sealed class ManagementService(
    IUserStore users,
    IRefreshTokenStore refreshTokens,
    MembershipChangeService membershipChanges,
    RevocationService revocations,
    TimeProvider time,
    ILogger<ManagementService> logger)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public async Task<UserPage> ListAsync(ManagementCaller caller, string? query, string? limit, string? cursor, CancellationToken cancellationToken)
    {
        var app = caller.App;
        var errors = new ValidationErrors();
        var size = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxLimit))
        {
            errors.Add("limit", $"limit must be a whole number from 1 to {MaxLimit}.");
        }

        if (cursor is not null && !UserIds.IsWellFormed(cursor))
        {
            errors.Add("cursor", "cursor must be the next_cursor of an earlier page.");
        }

        FieldRules.CheckText(errors, "query", query, FieldRules.MaxTextLength);
        errors.ThrowIfAny();
        // One more than the page tells whether another page follows.
        var found = await users.ListMembersAsync(app.AppId, string.IsNullOrEmpty(query) ? null : query, cursor, size + 1, cancellationToken);
        var page = found.Take(size).Select(u => Profile(u, u.MembershipOf(app.AppId)!)).ToList();
        return new UserPage(page, found.Count > size ? page[^1].Id : null);
    }

    public async Task<UserProfile> GetAsync(ManagementCaller caller, string userId, CancellationToken cancellationToken)
    {
        var app = caller.App;
        var (user, membership) = await FindMemberAsync(app, userId, cancellationToken);
        return Profile(user, membership);
    }

    public async Task<UserProfile> ChangeAsync(ManagementCaller caller, string userId, ChangeMemberRequest request, CancellationToken cancellationToken)
    {
        var app = caller.App;
        var errors = new ValidationErrors();
        if (request.Role is null && request.Plan is null && request.Blocked is null)
        {
            errors.Add("body", "Send role, plan, blocked, or several of them.");
        }

        if (request.Role is not null && Roles.Rank(request.Role) < 0)
        {
            errors.Add("role", $"Role must be one of: {string.Join(", ", Roles.Ordered)}.");
        }

        if (request.Plan is not null && Plans.Rank(request.Plan) < 0)
        {
            errors.Add("plan", $"Plan must be one of: {string.Join(", ", Plans.Ordered)}.");
        }

        errors.ThrowIfAny();
        var (user, _) = await FindMemberAsync(app, userId, cancellationToken);
        if (request.Plan is not null && Plans.IsPaid(request.Plan) && user.Email is null)
        {
            throw new TracheaException(ErrorCodes.EmailRequiredForPaid, $"User {user.Id} has no email; a paid plan needs one.");
        }

        var updated = user;
        if (request.Role is not null || request.Plan is not null)
        {
            updated = await membershipChanges.ChangeAsync(user, app.AppId, request.Role, request.Plan, cancellationToken) ?? throw NotFound(userId);
        }

        if (request.Blocked is { } blocked)
        {
            updated = await SetBlockedAsync(caller, updated, blocked, cancellationToken);
        }

        var membership = updated.MembershipOf(app.AppId) ?? throw NotFound(userId);
        ManagementLog.MemberChanged(logger, caller.Actor, updated.Id, app.AppId, membership.Role, membership.Plan, membership.BlockedAt is not null);
        return Profile(updated, membership);
    }

    public async Task RevokeAsync(ManagementCaller caller, string userId, CancellationToken cancellationToken)
    {
        var (user, _) = await FindMemberAsync(caller.App, userId, cancellationToken);
        var revoked = await EndSessionsAsync(caller, user.Id, "revoked", cancellationToken);
        ManagementLog.MemberRevoked(logger, caller.Actor, user.Id, caller.App.AppId, revoked);
    }

    // Refresh tokens of the app now; access tokens already issued through the revocation feed. Other apps are untouched.
    private async Task<long> EndSessionsAsync(ManagementCaller caller, string userId, string why, CancellationToken cancellationToken)
    {
        var revoked = await refreshTokens.RevokeForAppAsync(userId, caller.App.AppId, time.GetUtcNow(), cancellationToken);
        await revocations.RevokeMembershipsAsync(userId, caller.App.AppId, $"{why} by {caller.Actor}", cancellationToken);
        return revoked;
    }

    // A block ends the member's sessions in the app at once.
    private async Task<User> SetBlockedAsync(ManagementCaller caller, User user, bool blocked, CancellationToken cancellationToken)
    {
        var app = caller.App;
        var now = time.GetUtcNow();
        var updated = await users.SetBlockedAsync(user.Id, app.AppId, blocked ? now : null, now, cancellationToken) ?? throw NotFound(user.Id);
        if (blocked)
        {
            await EndSessionsAsync(caller, user.Id, "blocked", cancellationToken);
        }

        return updated;
    }

    private static UserProfile Profile(User user, AppMembership membership) =>
        UserProfile.From(user, membership) with { Blocked = membership.BlockedAt is not null };

    private async Task<(User User, AppMembership Membership)> FindMemberAsync(AppRegistration app, string userId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId, cancellationToken) ?? throw NotFound(userId);
        var membership = user.MembershipOf(app.AppId) ?? throw NotFound(userId);
        return (user, membership);
    }

    private static TracheaException NotFound(string userId) => new(ErrorCodes.UserNotFound, $"No user {userId} in this app.");
}
