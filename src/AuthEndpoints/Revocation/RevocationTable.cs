using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Configuration;
using Trachea.AuthEndpoints.Storage;
using Trachea.AuthEndpoints.Tokens;

namespace Trachea.AuthEndpoints.Revocation;

/// <summary>
/// This instance's view of the revocation feed: the minimum valid membership version per (user, app) and the
/// revoked sessions, for as long as a token issued before them can still validate (lifetime plus clock skew).
/// The one revocation check of the gateway: <see cref="IsRevoked(string, string, int, string?)"/> is an
/// in-memory lookup, never a store access.
/// </summary>
internal sealed class RevocationTable(IOptions<TracheaOptions> options)
{
    private readonly ConcurrentDictionary<(string UserId, string AppId), Entry> _minVersions = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _revokedSessions = new(StringComparer.Ordinal);

    /// <summary>How long an entry can still matter: past it, every token it revokes has expired.</summary>
    public TimeSpan Retention { get; } = TimeSpan.FromMinutes(options.Value.AccessTokenExpireMinutes) + AccessTokenValidation.ClockSkew;

    public int Count => _minVersions.Count + _revokedSessions.Count;

    public void Apply(RevocationEntry revocation)
    {
        ArgumentNullException.ThrowIfNull(revocation);
        if (revocation.MinVersion is { } minVersion)
        {
            var added = new Entry(minVersion, revocation.CreatedAt);
            _minVersions.AddOrUpdate(
                (revocation.UserId, revocation.AppId),
                added,
                (_, known) => new Entry(Math.Max(known.MinVersion, minVersion), Later(known.CreatedAt, revocation.CreatedAt)));
        }

        if (revocation.Sid is { } sid)
        {
            _revokedSessions.AddOrUpdate(sid, revocation.CreatedAt, (_, known) => Later(known, revocation.CreatedAt));
        }
    }

    /// <param name="version">The token's <c>ver</c> (0 for tokens issued before versions existed).</param>
    /// <param name="sid">The token's <c>sid</c>, when it has one.</param>
    public bool IsRevoked(string userId, string appId, int version, string? sid) =>
        (_minVersions.TryGetValue((userId, appId), out var entry) && version < entry.MinVersion)
        || (sid is not null && _revokedSessions.ContainsKey(sid));

    /// <summary>The same check for a validated token's claims.</summary>
    public bool IsRevoked(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var userId = principal.FindFirstValue(TokenClaims.Subject);
        var appId = principal.FindFirstValue(TokenClaims.AppId);
        return userId is not null && appId is not null
            && IsRevoked(userId, appId, VersionOf(principal.FindFirstValue(TokenClaims.Version)), principal.FindFirstValue(TokenClaims.SessionId));
    }

    public static int VersionOf(string? claim) =>
        int.TryParse(claim, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : 0;

    /// <summary>Forgets entries older than <see cref="Retention"/>.</summary>
    public void Prune(DateTimeOffset now)
    {
        var cutoff = now - Retention;
        foreach (var (key, entry) in _minVersions)
        {
            if (entry.CreatedAt < cutoff)
            {
                _minVersions.TryRemove(KeyValuePair.Create(key, entry));
            }
        }

        foreach (var (sid, createdAt) in _revokedSessions)
        {
            if (createdAt < cutoff)
            {
                _revokedSessions.TryRemove(KeyValuePair.Create(sid, createdAt));
            }
        }
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private readonly record struct Entry(int MinVersion, DateTimeOffset CreatedAt);
}
