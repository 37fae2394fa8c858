using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
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

        cache.Add(Token("a"), identity);

        Assert.True(cache.TryGet(Token("a"), out var found));
        Assert.Same(identity, found);
        Assert.False(cache.TryGet(Token("b"), out _));
        Assert.False(cache.TryGet(Token("a").Replace("Bearer", "bearer", StringComparison.Ordinal), out _));
        Assert.False(cache.TryGet(Token("a") + " ", out _));
    }

    [Fact]
    public void TryGet_ACachedTokensSignatureOnOtherContent_Misses()
    {
        var cache = new ValidatedTokenCache(_clock);
        cache.Add(Token("a"), Identity(expiresIn: TimeSpan.FromMinutes(5)));
        var signature = Token("a")[(Token("a").LastIndexOf('.') + 1)..];

        Assert.False(cache.TryGet($"Bearer {Header}.b.{signature}", out _));
        Assert.False(cache.TryGet($"Bearer {Header}.a.{signature}x", out _));
    }

    [Theory]
    [InlineData("Bearer a")]
    [InlineData("Bearer h.p.c2hvcnQ")]
    [InlineData("Bearer h.p.!AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Add_AValueNotEndingInAnHs256Signature_IsNotKept(string authorization)
    {
        var cache = new ValidatedTokenCache(_clock);

        cache.Add(authorization, Identity(expiresIn: TimeSpan.FromMinutes(5)));

        Assert.Equal(0, cache.Count);
        Assert.False(cache.TryGet(authorization, out _));
    }

    [Fact]
    public void TryGet_AtOrAfterExp_MissesSoTheHandlerDecides()
    {
        var cache = new ValidatedTokenCache(_clock);
        cache.Add(Token("a"), Identity(expiresIn: TimeSpan.FromMinutes(5)));

        _clock.Advance(TimeSpan.FromMinutes(5));

        Assert.False(cache.TryGet(Token("a"), out _));
    }

    [Fact]
    public void Add_AlreadyExpired_IsNotKept()
    {
        var cache = new ValidatedTokenCache(_clock);

        cache.Add(Token("a"), Identity(expiresIn: TimeSpan.FromSeconds(-1)));

        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Add_FarBeyondCapacity_StaysWithinTwoGenerations()
    {
        var cache = new ValidatedTokenCache(_clock, generationCapacity: 100);

        for (var i = 0; i < 1000; i++)
        {
            cache.Add(Token($"{i}"), Identity(expiresIn: TimeSpan.FromMinutes(5)));
        }

        Assert.InRange(cache.Count, 100, 200);
        Assert.True(cache.TryGet(Token("999"), out _));
        Assert.False(cache.TryGet(Token("0"), out _));
    }

    [Fact]
    public void Add_WhenFull_KeepsWhatWasUsedSinceTheLastRotationAndDropsTheRest()
    {
        var cache = new ValidatedTokenCache(_clock, generationCapacity: 4);
        foreach (var name in new[] { "a", "b", "c", "d", "e" })
        {
            cache.Add(Token(name), Identity(expiresIn: TimeSpan.FromMinutes(5)));
        }

        Assert.True(cache.TryGet(Token("a"), out _));
        foreach (var name in new[] { "f", "g", "h" })
        {
            cache.Add(Token(name), Identity(expiresIn: TimeSpan.FromMinutes(5)));
        }

        Assert.True(cache.TryGet(Token("a"), out _));
        Assert.True(cache.TryGet(Token("h"), out _));
        Assert.False(cache.TryGet(Token("b"), out _));
    }

    [Fact]
    public void Add_AnIdentityKeptForAnotherToken_IsNotKeptAgain()
    {
        var cache = new ValidatedTokenCache(_clock);
        var identity = Identity(expiresIn: TimeSpan.FromMinutes(5));

        cache.Add(Token("a"), identity);
        cache.Add(Token("b"), identity);

        Assert.Equal(1, cache.Count);
        Assert.True(cache.TryGet(Token("a"), out _));
        Assert.False(cache.TryGet(Token("b"), out _));
    }

    [Fact]
    public void From_Token_ReadsTheSameAsFromItsClaims()
    {
        var exp = _clock.GetUtcNow().AddMinutes(15);
        var handler = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        var jwt = handler.CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Expires = exp.UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = "u1", ["app_id"] = "demo", ["role"] = "admin", ["plan"] = "pro", ["provider"] = "username",
                ["username"] = "ada", ["ver"] = 3, ["sid"] = "s1",
            },
        });

        var identity = GatewayIdentity.From(new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(jwt));

        Assert.Equal(("u1", "demo", 2, 1, 3, "s1"), (identity.UserId, identity.AppId, identity.RoleRank, identity.PlanRank, identity.Version, identity.Sid));
        Assert.Equal(exp.ToUnixTimeSeconds(), identity.ExpiresAt.ToUnixTimeSeconds());
        Assert.Equal(
            ["X-User-Id=u1", "X-User-Username=ada", "X-User-Role=admin", "X-User-Plan=pro", "X-App-Id=demo", "X-Auth-Provider=username"],
            SentHeaders(identity));
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
            ["X-User-Id=u1", "X-User-Username=ada", "X-User-Role=admin", "X-User-Plan=pro", "X-App-Id=demo", "X-Auth-Provider=username"],
            SentHeaders(identity));
    }

    private const string Header = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";

    // The identity headers a backend receives from this identity, in order; absent values are not sent.
    private static IEnumerable<string> SentHeaders(GatewayIdentity identity) =>
        IdentityHeaders.All.Where(header => identity.Value(header) is { Length: > 0 }).Select(header => $"{header}={identity.Value(header)}");

    // Shaped like a gateway token: its last segment is 32 bytes in base64url, like an HS256 signature.
    private static string Token(string payload) =>
        $"Bearer {Header}.{payload}.{Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(payload)))}";

    private GatewayIdentity Identity(TimeSpan expiresIn) => GatewayIdentity.From(new ClaimsPrincipal(new ClaimsIdentity(
        [new Claim("sub", "u1"), new Claim("exp", _clock.GetUtcNow().Add(expiresIn).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture))],
        "Bearer")));
}
