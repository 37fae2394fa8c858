using System.Globalization;
using System.Security.Claims;
using Trachea.AuthEndpoints.Access;
using Trachea.AuthEndpoints.Revocation;
using Trachea.AuthEndpoints.Tokens;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// Everything the proxy needs from one validated access token, read once: the app, role and plan ranks the
/// route rules compare, the identity headers a backend receives, and when the token stops being valid.
/// Immutable, so one instance serves every request that carries the same token.
/// </summary>
internal sealed class GatewayIdentity
{
    private GatewayIdentity(
        ClaimsPrincipal principal, string userId, string appId, int version, string? sid, int roleRank, int planRank,
        KeyValuePair<string, string>[] headers, DateTimeOffset expiresAt)
    {
        Principal = principal;
        UserId = userId;
        AppId = appId;
        Version = version;
        Sid = sid;
        RoleRank = roleRank;
        PlanRank = planRank;
        Headers = headers;
        ExpiresAt = expiresAt;
    }

    /// <summary>The validated principal; shared between requests, so it is never modified.</summary>
    public ClaimsPrincipal Principal { get; }

    public string UserId { get; }

    public string AppId { get; }

    /// <summary>The token's <c>ver</c>: the membership version it was issued at.</summary>
    public int Version { get; }

    /// <summary>The token's <c>sid</c>, absent from tokens issued before sessions were named.</summary>
    public string? Sid { get; }

    public int RoleRank { get; }

    public int PlanRank { get; }

    /// <summary>The identity headers of docs/headers.md with their values; absent values are left out.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>The token's <c>exp</c>.</summary>
    public DateTimeOffset ExpiresAt { get; }

    public static GatewayIdentity From(ClaimsPrincipal principal)
    {
        var headers = new List<KeyValuePair<string, string>>(7);
        foreach (var claim in principal.Claims)
        {
            if (IdentityHeaders.ForClaim(claim.Type) is { } header && claim.Value.Length > 0)
            {
                headers.Add(new(header, claim.Value));
            }
        }

        var exp = principal.FindFirst(TokenClaims.Expires)?.Value;
        var expiresAt = long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.MinValue;
        return new GatewayIdentity(
            principal,
            principal.FindFirst(TokenClaims.Subject)?.Value ?? string.Empty,
            principal.FindFirst(TokenClaims.AppId)?.Value ?? string.Empty,
            RevocationTable.VersionOf(principal.FindFirst(TokenClaims.Version)?.Value),
            principal.FindFirst(TokenClaims.SessionId)?.Value,
            Roles.Rank(principal.FindFirst(TokenClaims.Role)?.Value),
            Plans.Rank(principal.FindFirst(TokenClaims.Plan)?.Value),
            [.. headers],
            expiresAt);
    }
}
