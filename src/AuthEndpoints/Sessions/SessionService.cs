using Microsoft.Extensions.Logging;
using Trachea.AuthEndpoints.Revocation;
using Trachea.AuthEndpoints.Storage;

namespace Trachea.AuthEndpoints.Sessions;

/// <summary>Starts browser sessions at sign-in and ends them at sign-out (through the revocation feed).</summary>
internal sealed partial class SessionService(
    ISessionStore sessions, SessionAuthenticator authenticator, RevocationService revocations, TimeProvider time, ILogger<SessionService> logger)
{
    /// <returns>The new session's id, for the cookie; only its hash is stored.</returns>
    public async Task<string> StartAsync(User user, AppMembership membership, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(membership);
        var id = SessionIds.New();
        var now = time.GetUtcNow();
        await sessions.InsertAsync(
            new BrowserSession
            {
                IdHash = SessionIds.Hash(id),
                UserId = user.Id,
                AppId = membership.AppId,
                Sid = Guid.NewGuid().ToString("N"),
                CreatedAt = now,
                LastSeenAt = now,
                ExpiresAt = authenticator.ExpiryOf(now, now),
            },
            cancellationToken);
        LogStarted(logger, user.Id, membership.AppId);
        return id;
    }

    /// <summary>Ends the session this cookie names, on every instance; nothing happens for an unknown one.</summary>
    public async Task EndAsync(string? cookie, string reason, CancellationToken cancellationToken)
    {
        if (!SessionIds.IsWellFormed(cookie))
        {
            return;
        }

        var idHash = SessionIds.Hash(cookie!);
        authenticator.Forget(idHash);
        var session = await sessions.FindAsync(idHash, time.GetUtcNow(), cancellationToken);
        if (session is null)
        {
            return;
        }

        await sessions.DeleteAsync(idHash, cancellationToken);
        await revocations.RevokeSessionAsync(session.UserId, session.AppId, session.Sid, reason, cancellationToken);
    }

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Browser session started for user {UserId} in app {AppId}")]
    private static partial void LogStarted(ILogger logger, string userId, string appId);
}
