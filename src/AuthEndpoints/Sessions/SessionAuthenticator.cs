using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Configuration;
using Trachea.AuthEndpoints.Revocation;
using Trachea.AuthEndpoints.Storage;
using Trachea.AuthEndpoints.Users;

namespace Trachea.AuthEndpoints.Sessions;

/// <summary>
/// Turns a session cookie into an identity. Each session's identity is kept in memory and re-read from the store
/// (the session and its user) at most once per access-token lifetime, however many requests arrive at once;
/// revocations apply at once through <see cref="RevocationTable"/>, and the idle and absolute limits are checked
/// on every request against the injected clock.
/// </summary>
internal sealed class SessionAuthenticator(
    ISessionStore sessions, IUserStore users, RevocationTable revocations, IOptions<TracheaOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<Cached?>>> _cache = new(StringComparer.Ordinal);
    private readonly TimeSpan _refresh = TimeSpan.FromMinutes(options.Value.AccessTokenExpireMinutes);
    private readonly TimeSpan _idle = TimeSpan.FromHours(options.Value.SessionIdleHours);
    private readonly TimeSpan _max = TimeSpan.FromHours(options.Value.SessionMaxHours);

    /// <summary>When a session used at <paramref name="lastSeenAt"/> ends: the earlier of its idle and absolute limits.</summary>
    public DateTimeOffset ExpiryOf(DateTimeOffset createdAt, DateTimeOffset lastSeenAt) =>
        lastSeenAt + _idle < createdAt + _max ? lastSeenAt + _idle : createdAt + _max;

    public async Task<SessionCheck> AuthenticateAsync(string? cookie)
    {
        if (!SessionIds.IsWellFormed(cookie))
        {
            return SessionCheck.Unknown;
        }

        var idHash = SessionIds.Hash(cookie!);
        var now = time.GetUtcNow();
        var session = await CurrentAsync(idHash, now).ConfigureAwait(false);
        if (session is null)
        {
            return SessionCheck.Unknown;
        }

        if (now >= ExpiryOf(session.CreatedAt, session.LastSeenAt))
        {
            Forget(idHash);
            await sessions.DeleteAsync(idHash, CancellationToken.None).ConfigureAwait(false);
            return SessionCheck.Unknown;
        }

        if (revocations.IsRevoked(session.UserId, session.AppId, session.Version, session.Sid))
        {
            return SessionCheck.RevokedSession;
        }

        session.Seen(now);
        return new SessionCheck(session.Principal, false);
    }

    /// <summary>Drops this instance's copy, so the next request reads the store.</summary>
    public void Forget(string idHash) => _cache.TryRemove(idHash, out _);

    private async Task<Cached?> CurrentAsync(string idHash, DateTimeOffset now)
    {
        var entry = _cache.GetOrAdd(idHash, hash => new Lazy<Task<Cached?>>(() => LoadAsync(hash, null)));
        var cached = await Awaited(idHash, entry).ConfigureAwait(false);
        if (cached is null || now < cached.ReadAt + _refresh)
        {
            return cached;
        }

        // One request per instance re-reads; the others wait for that same read.
        var fresh = new Lazy<Task<Cached?>>(() => LoadAsync(idHash, cached));
        var current = _cache.TryUpdate(idHash, fresh, entry) ? fresh : _cache.GetValueOrDefault(idHash, fresh);
        return await Awaited(idHash, current).ConfigureAwait(false);
    }

    private async Task<Cached?> Awaited(string idHash, Lazy<Task<Cached?>> entry)
    {
        try
        {
            var cached = await entry.Value.ConfigureAwait(false);
            if (cached is null)
            {
                _cache.TryRemove(KeyValuePair.Create(idHash, entry));
            }

            return cached;
        }
        catch
        {
            _cache.TryRemove(KeyValuePair.Create(idHash, entry));
            throw;
        }
    }

    // Shared by every waiting request, so it runs to the end whatever one of them does; a store failure reaches them all.
    private async Task<Cached?> LoadAsync(string idHash, Cached? previous)
    {
        // The store learns of this instance's use first, so the idle limit counts from the last request anywhere.
        if (previous is not null && previous.LastSeenAt > previous.StoredLastSeenAt)
        {
            await sessions.TouchAsync(idHash, previous.LastSeenAt, ExpiryOf(previous.CreatedAt, previous.LastSeenAt), CancellationToken.None)
                .ConfigureAwait(false);
        }

        var now = time.GetUtcNow();
        var session = await sessions.FindAsync(idHash, now, CancellationToken.None).ConfigureAwait(false);
        if (session is null)
        {
            return null;
        }

        var user = await users.FindByIdAsync(session.UserId, CancellationToken.None).ConfigureAwait(false);
        if (user?.MembershipOf(session.AppId) is not { } membership || Admission.Refusal(user, membership) is not null)
        {
            await sessions.DeleteAsync(idHash, CancellationToken.None).ConfigureAwait(false);
            return null;
        }

        var principal = SessionPrincipal.Create(user, membership, session.Sid, now + _refresh);
        return new Cached(principal, session, membership.Version, now);
    }

    private sealed class Cached(ClaimsPrincipal principal, BrowserSession session, int version, DateTimeOffset readAt)
    {
        private long _lastSeenTicks = session.LastSeenAt.UtcTicks;

        public ClaimsPrincipal Principal { get; } = principal;
        public string UserId { get; } = session.UserId;
        public string AppId { get; } = session.AppId;
        public string Sid { get; } = session.Sid;

        /// <summary>The membership version when the identity was read: a later revocation raises the minimum above it.</summary>
        public int Version { get; } = version;

        public DateTimeOffset CreatedAt { get; } = session.CreatedAt;
        public DateTimeOffset StoredLastSeenAt { get; } = session.LastSeenAt;
        public DateTimeOffset ReadAt { get; } = readAt;

        public DateTimeOffset LastSeenAt => new(Interlocked.Read(ref _lastSeenTicks), TimeSpan.Zero);

        public void Seen(DateTimeOffset now)
        {
            var ticks = now.UtcTicks;
            var known = Interlocked.Read(ref _lastSeenTicks);
            while (ticks > known)
            {
                var seen = Interlocked.CompareExchange(ref _lastSeenTicks, ticks, known);
                if (seen == known)
                {
                    return;
                }

                known = seen;
            }
        }
    }
}
