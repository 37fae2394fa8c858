using System.Globalization;
using System.Security.Claims;
using Trachea.AuthEndpoints.Access;
using Trachea.AuthEndpoints.Tokens;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// Everything the proxy needs from one validated access token, read once: the app, role and plan ranks the
/// route rules compare, the identity headers a backend receives, and when the token stops being valid.
/// Immutable, so one instance serves every request that carries the same token.
/// </summary>
internal sealed class GatewayIdentity
{
    private GatewayIdentity(ClaimsPrincipal principal, string? appId, int roleRank, int planRank, KeyValuePair<string, string>[] headers, DateTimeOffset expiresAt)
    {
        Principal = principal;
        AppId = appId;
        RoleRank = roleRank;
        PlanRank = planRank;
        Headers = headers;
        ExpiresAt = expiresAt;
    }

    /// <summary>The validated principal; shared between requests, so it is never modified.</summary>
    public ClaimsPrincipal Principal { get; }

    public string? AppId { get; }

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
            principal.FindFirst(TokenClaims.AppId)?.Value,
            Roles.Rank(principal.FindFirst(TokenClaims.Role)?.Value),
            Plans.Rank(principal.FindFirst(TokenClaims.Plan)?.Value),
            [.. headers],
            expiresAt);
    }
}
