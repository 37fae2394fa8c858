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
/// The one revocation check of the gateway: <see cref="IsRevoked(ReadOnlySpan{char}, string, int, ReadOnlySpan{char})"/>
/// is an in-memory lookup, never a store access, and takes the ids as spans, so that a caller holding them as
/// bytes needs no string for it.
/// </summary>
internal sealed class RevocationTable
{
    private readonly ConcurrentDictionary<(string UserId, string AppId), Entry> _minVersions = new(MemberComparer.Instance);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _revokedSessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string UserId, string AppId), Entry>.AlternateLookup<Member> _minVersionsOf;
    private readonly ConcurrentDictionary<string, DateTimeOffset>.AlternateLookup<ReadOnlySpan<char>> _revokedSessionsOf;

    public RevocationTable(IOptions<TracheaOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Retention = TimeSpan.FromMinutes(options.Value.AccessTokenExpireMinutes) + AccessTokenValidation.ClockSkew;
        _minVersionsOf = _minVersions.GetAlternateLookup<Member>();
        _revokedSessionsOf = _revokedSessions.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>How long an entry can still matter: past it, every token it revokes has expired.</summary>
    public TimeSpan Retention { get; }

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
    /// <param name="sid">The token's <c>sid</c>; empty when it has none.</param>
    public bool IsRevoked(ReadOnlySpan<char> userId, string appId, int version, ReadOnlySpan<char> sid) =>
        (_minVersionsOf.TryGetValue(new Member(userId, appId), out var entry) && version < entry.MinVersion)
        || (!sid.IsEmpty && _revokedSessionsOf.ContainsKey(sid));

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

    // A (user, app) key looked up with the user id as a span.
    private readonly ref struct Member(ReadOnlySpan<char> userId, string appId)
    {
        public ReadOnlySpan<char> UserId { get; } = userId;

        public string AppId { get; } = appId;
    }

    // Ordinal, as the tuple's own comparer; both forms of a key hash alike.
    private sealed class MemberComparer : IEqualityComparer<(string UserId, string AppId)>, IAlternateEqualityComparer<Member, (string UserId, string AppId)>
    {
        public static readonly MemberComparer Instance = new();

        public bool Equals((string UserId, string AppId) x, (string UserId, string AppId) y) =>
            string.Equals(x.UserId, y.UserId, StringComparison.Ordinal) && string.Equals(x.AppId, y.AppId, StringComparison.Ordinal);

        public int GetHashCode((string UserId, string AppId) key) => Hash(key.UserId, key.AppId);

        public bool Equals(Member alternate, (string UserId, string AppId) other) =>
            alternate.UserId.SequenceEqual(other.UserId) && string.Equals(alternate.AppId, other.AppId, StringComparison.Ordinal);

        public int GetHashCode(Member alternate) => Hash(alternate.UserId, alternate.AppId);

        public (string UserId, string AppId) Create(Member alternate) => (alternate.UserId.ToString(), alternate.AppId);

        private static int Hash(ReadOnlySpan<char> userId, string appId) => HashCode.Combine(string.GetHashCode(userId), string.GetHashCode(appId));
    }
}
