using Microsoft.Extensions.Logging;
using Trachea.AuthEndpoints.Storage;

namespace Trachea.AuthEndpoints.Revocation;

/// <summary>
/// Ends access before tokens expire: writes to the store's feed (which every other instance polls) and applies
/// the entries to this instance's <see cref="RevocationTable"/> at once.
/// </summary>
internal sealed partial class RevocationService(
    IRevocationStore store, ISessionStore sessions, RevocationTable table, TimeProvider time, ILogger<RevocationService> logger)
{
    /// <summary>
    /// Every token of the user's membership of <paramref name="appId"/> (of every membership when null) issued until
    /// now, and every browser session of it: a session outlives the table's entries, so its record goes too.
    /// </summary>
    public async Task RevokeMembershipsAsync(string userId, string? appId, string reason, CancellationToken cancellationToken)
    {
        await sessions.DeleteForUserAsync(userId, appId, cancellationToken);
        var entries = await store.RevokeMembershipsAsync(userId, appId, time.GetUtcNow(), cancellationToken);
        foreach (var entry in entries)
        {
            table.Apply(entry);
        }

        LogMembershipsRevoked(logger, userId, appId ?? "every app", reason, entries.Count);
    }

    /// <summary>Every token of one session (a refresh-token family) only.</summary>
    public async Task RevokeSessionAsync(string userId, string appId, string sid, string reason, CancellationToken cancellationToken)
    {
        table.Apply(await store.RevokeSessionAsync(userId, appId, sid, time.GetUtcNow(), cancellationToken));
        LogSessionRevoked(logger, userId, appId, reason);
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Access of user {UserId} to {AppId} revoked ({Reason}): {Memberships} memberships")]
    private static partial void LogMembershipsRevoked(ILogger logger, string userId, string appId, string reason, int memberships);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "A session of user {UserId} in app {AppId} revoked ({Reason})")]
    private static partial void LogSessionRevoked(ILogger logger, string userId, string appId, string reason);
}
