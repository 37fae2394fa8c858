using System.Security.Claims;
using Trachea.Gateway.Proxy;
using Trachea.Tests.Firebase;

namespace Trachea.Tests.Proxy;

public sealed class ValidatedTokenCacheTests
{
    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public void TryGet_BeforeExp_ReturnsTheSameIdentity()
    {
        var cache = new ValidatedTokenCache(_clock);
        var identity = Identity(expiresIn: TimeSpan.FromMinutes(5));

        cache.Add("Bearer a", identity);

        Assert.True(cache.TryGet("Bearer a", out var found));
        Assert.Same(identity, found);
        Assert.False(cache.TryGet("Bearer A", out _));
        Assert.False(cache.TryGet("Bearer a ", out _));
    }

    [Fact]
    public void TryGet_AtOrAfterExp_MissesSoTheHandlerDecides()
    {
        var cache = new ValidatedTokenCache(_clock);
        cache.Add("Bearer a", Identity(expiresIn: TimeSpan.FromMinutes(5)));

        _clock.Advance(TimeSpan.FromMinutes(5));

        Assert.False(cache.TryGet("Bearer a", out _));
    }

    [Fact]
    public void Add_AlreadyExpired_IsNotKept()
    {
        var cache = new ValidatedTokenCache(_clock);

        cache.Add("Bearer a", Identity(expiresIn: TimeSpan.FromSeconds(-1)));

        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Add_BeyondCapacity_StaysBounded()
    {
        var cache = new ValidatedTokenCache(_clock);
        var identity = Identity(expiresIn: TimeSpan.FromMinutes(5));

        for (var i = 0; i < ValidatedTokenCache.Capacity * 2 + 10; i++)
        {
            cache.Add($"Bearer {i}", identity);
        }

        Assert.InRange(cache.Count, 1, ValidatedTokenCache.Capacity);
    }

    [Fact]
    public void Add_WhenFull_DropsExpiredEntriesFirst()
    {
        var cache = new ValidatedTokenCache(_clock);
        for (var i = 0; i < ValidatedTokenCache.Capacity - 1; i++)
        {
            cache.Add($"Bearer short-{i}", Identity(expiresIn: TimeSpan.FromMinutes(1)));
        }

        cache.Add("Bearer long", Identity(expiresIn: TimeSpan.FromHours(1)));
        _clock.Advance(TimeSpan.FromMinutes(2));
        cache.Add("Bearer new", Identity(expiresIn: TimeSpan.FromHours(1)));

        Assert.Equal(2, cache.Count);
        Assert.True(cache.TryGet("Bearer long", out _));
    }

    [Fact]
    public void From_Principal_ReadsRanksHeadersAndExp()
    {
        var exp = _clock.GetUtcNow().AddMinutes(15).ToUnixTimeSeconds();
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim("sub", "u1"), new Claim("app_id", "demo"), new Claim("role", "admin"), new Claim("plan", "pro"),
            new Claim("provider", "username"), new Claim("username", "ada"), new Claim("email", ""), new Claim("jti", "x"),
            new Claim("exp", exp.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ], "Bearer"));

        var identity = GatewayIdentity.From(principal);

        Assert.Equal(("demo", 2, 1), (identity.AppId, identity.RoleRank, identity.PlanRank));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(exp), identity.ExpiresAt);
        Assert.Equal(
            ["X-User-Id=u1", "X-App-Id=demo", "X-User-Role=admin", "X-User-Plan=pro", "X-Auth-Provider=username", "X-User-Username=ada"],
            identity.Headers.Select(h => $"{h.Key}={h.Value}"));
    }

    private GatewayIdentity Identity(TimeSpan expiresIn) => GatewayIdentity.From(new ClaimsPrincipal(new ClaimsIdentity(
        [new Claim("sub", "u1"), new Claim("exp", _clock.GetUtcNow().Add(expiresIn).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture))],
        "Bearer")));
}
