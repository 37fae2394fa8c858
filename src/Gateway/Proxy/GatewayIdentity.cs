using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Trachea.AuthEndpoints.Access;
using Trachea.AuthEndpoints.Assertions;
using Trachea.AuthEndpoints.Revocation;
using Trachea.AuthEndpoints.Tokens;
using Trachea.Gateway.Operations;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// Everything the proxy needs from one validated access token, read once: who the caller is, the app, role and
/// plan ranks the route rules compare, what the revocation check reads (<c>ver</c>, <c>sid</c>), the identity
/// headers a backend receives, and when the token stops being valid. One instance serves every request that
/// carries the same token: it is immutable but for the assertions signed for it, which <see cref="AssertionCache"/>
/// keeps here, the first audience's in place. It keeps no claims principal: the gateway's user and session ids as
/// bytes (<see cref="CompactIds"/>), the app, role, plan and provider shared with every token that has the same
/// (<see cref="TokenMembership"/>), so that a cache of many tokens stays small (docs/performance.md); and the key
/// <see cref="ValidatedTokenCache"/> finds it by, so that its table needs no entry object of its own.
/// </summary>
internal sealed class GatewayIdentity : IRequestCaller, IAssertedIdentity
{
    private AssertionSlot _firstAssertion;
    private volatile AudienceAssertion? _moreAssertions;

    private readonly CompactIds _ids;
    private readonly TokenMembership _membership;
    private readonly long _expires;
    private TokenKey _cacheKey;

    private GatewayIdentity(Func<string, string?> claim, int version, long expires)
    {
        _ids = new CompactIds(claim(TokenClaims.Subject) ?? string.Empty, claim(TokenClaims.SessionId));
        _membership = TokenMembership.Of(claim(TokenClaims.AppId) ?? string.Empty, claim(TokenClaims.Role), claim(TokenClaims.Plan), claim(TokenClaims.Provider));
        Email = claim(TokenClaims.Email);
        Username = claim(TokenClaims.Username);
        Version = version;
        _expires = expires;
    }

    public string UserId => _ids.UserId ?? string.Empty;

    public string AppId => _membership.AppId;

    public string? Role => _membership.Role;

    public string? Plan => _membership.Plan;

    public string? Provider => _membership.Provider;

    public string? Email { get; }

    public string? Username { get; }

    /// <summary>The token's <c>sid</c>, absent from tokens issued before sessions were named.</summary>
    public string? Sid => _ids.SessionId;

    /// <summary>The token's <c>ver</c>: the membership version it was issued at.</summary>
    public int Version { get; }

    public int RoleRank => _membership.RoleRank;

    public int PlanRank => _membership.PlanRank;

    /// <summary>The token's <c>exp</c>.</summary>
    public DateTimeOffset ExpiresAt => DateTimeOffset.FromUnixTimeSeconds(_expires);

    /// <summary>The key <see cref="ValidatedTokenCache"/> keeps this identity under: its token's; default until it is kept.</summary>
    public TokenKey CacheKey => _cacheKey;

    /// <summary>The assertion signed for this token's first audience; empty before it.</summary>
    public ref AssertionSlot FirstAssertion => ref _firstAssertion;

    /// <summary>The newest of the assertions signed for its other audiences (<see cref="AudienceAssertion.Next"/>); null before the first.</summary>
    public AudienceAssertion? MoreAssertions
    {
        get => _moreAssertions;
        set => _moreAssertions = value;
    }

    /// <summary>Gives the identity its token's key, once, before it is first kept (the cache's tables hold no key of their own).</summary>
    /// <returns>False when it already has another token's key: one identity serves one token.</returns>
    public bool TryTakeCacheKey(TokenKey key)
    {
        if (_cacheKey == default)
        {
            _cacheKey = key;
        }

        return _cacheKey == key;
    }

    /// <summary>The token's value of one of the identity claims it keeps; null for any other claim or an absent value.</summary>
    public string? Claim(string type) => type switch
    {
        TokenClaims.Subject => UserId,
        TokenClaims.AppId => AppId,
        TokenClaims.Role => Role,
        TokenClaims.Plan => Plan,
        TokenClaims.Provider => Provider,
        TokenClaims.Email => Email,
        TokenClaims.Username => Username,
        TokenClaims.SessionId => Sid,
        _ => null,
    };

    public ReadOnlySpan<char> Claim(string type, Span<char> buffer) => type switch
    {
        TokenClaims.Subject => _ids.FormatUserId(buffer),
        TokenClaims.SessionId => _ids.FormatSessionId(buffer),
        _ => Claim(type),
    };

    /// <summary>The one revocation check for this token, its ids written on the stack rather than as new strings.</summary>
    public bool IsRevokedIn(RevocationTable revocations)
    {
        Span<char> userId = stackalloc char[CompactIds.MaxFormatted];
        Span<char> sessionId = stackalloc char[CompactIds.MaxFormatted];
        return revocations.IsRevoked(_ids.FormatUserId(userId), AppId, Version, _ids.FormatSessionId(sessionId));
    }

    /// <summary>The value an identity header carries for this caller (not yet encoded); null when absent.</summary>
    public string? Value(string header) => IdentityHeaders.ClaimOf(header) is { } claim ? Claim(claim) : null;

    public static GatewayIdentity From(JsonWebToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new GatewayIdentity(
            name => token.TryGetPayloadValue<string>(name, out var value) ? value : null,
            token.TryGetPayloadValue<int>(TokenClaims.Version, out var version) ? version : 0,
            new DateTimeOffset(DateTime.SpecifyKind(token.ValidTo, DateTimeKind.Utc)).ToUnixTimeSeconds());
    }

    public static GatewayIdentity From(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var exp = principal.FindFirstValue(TokenClaims.Expires);
        return new GatewayIdentity(
            principal.FindFirstValue,
            RevocationTable.VersionOf(principal.FindFirstValue(TokenClaims.Version)),
            long.TryParse(exp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
                ? seconds
                : DateTimeOffset.MinValue.ToUnixTimeSeconds());
    }
}
