using Microsoft.Extensions.Logging;

namespace Trachea.AuthEndpoints.Management;

/// <summary>Audit events of the management API: the actor is <c>app:&lt;id&gt;</c> or an admin's user id; credentials are never logged.</summary>
internal static partial class ManagementLog
{
    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "{Actor} changed user {UserId} in app {AppId}: role {Role}, plan {Plan}, blocked {Blocked}")]
    public static partial void MemberChanged(ILogger logger, string actor, string userId, string appId, string role, string plan, bool blocked);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Information, Message = "{Actor} revoked every session of user {UserId} in app {AppId}: {Revoked} refresh tokens")]
    public static partial void MemberRevoked(ILogger logger, string actor, string userId, string appId, long revoked);
}
