using Trachea.AuthEndpoints.Access;
using Trachea.AuthEndpoints.Revocation;
using Trachea.AuthEndpoints.Storage;

namespace Trachea.AuthEndpoints.Users;

/// <summary>
/// Changes a member's role or plan in one app. A change that lowers what the member may reach ends the tokens
/// already issued for that app (they carried the higher rank); an upgrade simply applies from the next refresh.
/// </summary>
internal sealed class MembershipChangeService(IUserStore users, RevocationService revocations, TimeProvider time)
{
    /// <returns>The user after the change, or null when the user or the membership does not exist.</returns>
    public async Task<User?> ChangeAsync(User user, string appId, string? role, string? plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var before = user.MembershipOf(appId);
        var updated = await users.UpdateMembershipAsync(user.Id, appId, role, plan, time.GetUtcNow(), cancellationToken);
        if (updated is not null && before is not null && Lowers(before, role, plan))
        {
            await revocations.RevokeMembershipsAsync(user.Id, appId, "access lowered", cancellationToken);
        }

        return updated;
    }

    private static bool Lowers(AppMembership before, string? role, string? plan) =>
        (role is not null && Roles.Rank(role) < Roles.Rank(before.Role))
        || (plan is not null && Plans.Rank(plan) < Plans.Rank(before.Plan));
}
