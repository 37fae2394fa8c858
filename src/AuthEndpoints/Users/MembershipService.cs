using Microsoft.Extensions.Logging;
using Trachea.AuthEndpoints.Access;
using Trachea.AuthEndpoints.Auth;
using Trachea.AuthEndpoints.Errors;
using Trachea.AuthEndpoints.Storage;

namespace Trachea.AuthEndpoints.Users;

/// <summary>
/// Lets an authenticated person into an app: refuses deactivated accounts and members the app has blocked, and on a first login into
/// another app adds that app to the same user document (role member, plan free).
/// </summary>
internal sealed class MembershipService(IUserStore users, TimeProvider time, ILogger<MembershipService> logger)
{
    public async Task<(User User, AppMembership Membership)> EnterAsync(User user, string appId, CancellationToken cancellationToken)
    {
        var existing = user.MembershipOf(appId);
        if (Admission.Refusal(user, existing) is { } refused)
        {
            AuthLog.LoginFailed(logger, appId, refused.Error.Code);
            throw refused;
        }

        if (existing is not null)
        {
            return (user, existing);
        }

        var now = time.GetUtcNow();
        var joined = await users.AddMembershipAsync(user.Id, new AppMembership(appId, Roles.Member, Plans.Free, now), now, cancellationToken)
            ?? throw new TracheaException(ErrorCodes.InvalidCredentials);
        AuthLog.JoinedApp(logger, user.Id, appId);
        return (joined, joined.MembershipOf(appId)!);
    }
}
