using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Trachea.AuthEndpoints.Access;
using Trachea.AuthEndpoints.Revocation;
using Trachea.AuthEndpoints.Tokens;
using Trachea.Gateway.Operations;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// Everything the proxy needs from one validated access token, read once: who the caller is, the app, role and
/// plan ranks the route rules compare, what the revocation check reads (<c>ver</c>, <c>sid</c>), the identity
/// headers a backend receives, and when the token stops being valid. Immutable, so one instance serves every
/// request that carries the same token; it keeps strings, not a claims principal, so that a cache of many
/// tokens stays small.
/// </summary>
internal sealed class GatewayIdentity : IRequestCaller
{
    private GatewayIdentity(Func<string, string?> claim, int version, DateTimeOffset expiresAt)
    {
        UserId = claim(TokenClaims.Subject) ?? string.Empty;
        AppId = claim(TokenClaims.AppId) ?? string.Empty;
        Role = claim(TokenClaims.Role);
        Plan = claim(TokenClaims.Plan);
        Provider = claim(TokenClaims.Provider);
        Email = claim(TokenClaims.Email);
        Username = claim(TokenClaims.Username);
        Sid = claim(TokenClaims.SessionId);
        Version = version;
        ExpiresAt = expiresAt;
        RoleRank = Roles.Rank(Role);
        PlanRank = Plans.Rank(Plan);
        Headers = [.. HeadersOf(this)];
    }

    public string UserId { get; }

    public string AppId { get; }

    public string? Role { get; }

    public string? Plan { get; }

    public string? Provider { get; }

    public string? Email { get; }

    public string? Username { get; }

    /// <summary>The token's <c>sid</c>, absent from tokens issued before sessions were named.</summary>
    public string? Sid { get; }

    /// <summary>The token's <c>ver</c>: the membership version it was issued at.</summary>
    public int Version { get; }

    public int RoleRank { get; }

    public int PlanRank { get; }

    /// <summary>The identity headers (docs/headers.md) with their values; absent values are left out.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>The token's <c>exp</c>.</summary>
    public DateTimeOffset ExpiresAt { get; }

    public static GatewayIdentity From(JsonWebToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new GatewayIdentity(
            name => token.TryGetPayloadValue<string>(name, out var value) ? value : null,
            token.TryGetPayloadValue<int>(TokenClaims.Version, out var version) ? version : 0,
            new DateTimeOffset(DateTime.SpecifyKind(token.ValidTo, DateTimeKind.Utc)));
    }

    public static GatewayIdentity From(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var exp = principal.FindFirstValue(TokenClaims.Expires);
        return new GatewayIdentity(
            principal.FindFirstValue,
            RevocationTable.VersionOf(principal.FindFirstValue(TokenClaims.Version)),
            long.TryParse(exp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : DateTimeOffset.MinValue);
    }

    private static IEnumerable<KeyValuePair<string, string>> HeadersOf(GatewayIdentity identity)
    {
        (string Header, string? Value)[] all =
        [
            (IdentityHeaders.UserId, identity.UserId),
            (IdentityHeaders.UserEmail, identity.Email),
            (IdentityHeaders.UserUsername, identity.Username),
            (IdentityHeaders.UserRole, identity.Role),
            (IdentityHeaders.UserPlan, identity.Plan),
            (IdentityHeaders.AppId, identity.AppId),
            (IdentityHeaders.AuthProvider, identity.Provider),
        ];
        return all.Where(h => !string.IsNullOrEmpty(h.Value)).Select(h => KeyValuePair.Create(h.Header, h.Value!));
    }
}
