using Trachea.AuthEndpoints.Errors;
using Trachea.AuthEndpoints.Storage;

namespace Trachea.AuthEndpoints.Users;

/// <summary>
/// The one rule for letting a user into an app with new credentials (login, refresh, a browser session's
/// re-read): the account is active and the app has not blocked the user.
/// </summary>
internal static class Admission
{
    /// <returns>The USER_INACTIVE failure that refuses the user, or null when they are admitted.</returns>
    public static TracheaException? Refusal(User user, AppMembership? membership) =>
        !user.IsActive ? new TracheaException(ErrorCodes.UserInactive)
        : membership?.BlockedAt is not null ? new TracheaException(ErrorCodes.UserInactive, "This account is blocked in this app.")
        : null;
}
