using System.Net;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Trachea.AuthEndpoints.Assertions;
using Trachea.Tests.Infrastructure;
using Trachea.Tests.Proxy;

namespace Trachea.Tests.Assertions;

/// <summary>What a backend receives in X-Trachea-Jwt-Assertion (docs/assertion.md), and that the gateway never takes it back.</summary>
public sealed class AssertionTests(AssertionFixture fixture) : IClassFixture<AssertionFixture>
{
    private AssertionGateway App => fixture.App;

    private RecordingBackend Backend => fixture.Backend;

    [Fact]
    public async Task Assertion_VerifiesWithThePublishedKeyAndCarriesExactlyTheListedClaims()
    {
        var tokens = await App.RegisterAsync(TestUsers.UniqueName("ada"));

        var assertion = await App.AssertionAtAsync(Backend, "/asserted", tokens.AccessToken);

        var result = await App.VerifyAsync(assertion!, "recording");
        Assert.True(result.IsValid, result.Exception?.Message);
        var header = new JsonWebToken(assertion);
        Assert.Equal(("ES256", AssertionClaims.TokenType), (header.Alg, header.Typ));
        Assert.Contains(header.Kid, await App.JwksAsync(), StringComparison.Ordinal);
        var claims = AssertionGateway.Payload(assertion!);
        var access = AssertionGateway.Payload(tokens.AccessToken);
        Assert.Equal(
            ["app_id", "aud", "exp", "iat", "iss", "jti", "nbf", "plan", "provider", "role", "sid", "sub", "username"],
            claims.Keys.Order(StringComparer.Ordinal));
        foreach (var copied in new[] { "sub", "app_id", "role", "plan", "provider", "sid", "username" })
        {
            Assert.Equal(access[copied].GetString(), claims[copied].GetString());
        }

        Assert.Equal(("trachea-gateway", "recording"), (claims["iss"].GetString(), claims["aud"].GetString()));
        Assert.Equal(claims["iat"].GetInt64(), claims["nbf"].GetInt64());
        Assert.Equal(120, claims["exp"].GetInt64() - claims["iat"].GetInt64());
        Assert.NotEqual(access["jti"].GetString(), claims["jti"].GetString());
    }

    [Fact]
    public async Task Assertion_CarriesEmailAndUsernameUnencoded_WhileTheHeaderIsPercentEncoded()
    {
        var token = AccessToken(TestApps.Demo, email: "zoë@example.com", expires: DateTimeOffset.UtcNow.AddMinutes(5));
        var marker = Guid.NewGuid().ToString("N");
        using var client = App.CreateClient(token);

        using var response = await client.GetAsync($"/asserted/{marker}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = await Backend.SingleWithAsync(marker);
        Assert.Equal("zo%C3%AB@example.com", received.Header("X-User-Email"));
        var claims = AssertionGateway.Payload(received.Header(AssertionClaims.Header)!);
        Assert.Equal(("zoë@example.com", "zoe"), (claims["email"].GetString(), claims["username"].GetString()));
    }

    [Theory]
    [InlineData("/asserted", "recording")]
    [InlineData("/audience", AssertionGateway.DefaultOtherAudience)]
    [InlineData("/optional", "recording")]
    public async Task Audience_IsTheRoutesAssertionAudienceElseItsClusterId(string prefix, string audience)
    {
        var tokens = await App.RegisterAsync(TestUsers.UniqueName());

        var assertion = await App.AssertionAtAsync(Backend, prefix, tokens.AccessToken);

        Assert.Equal(audience, AssertionGateway.Payload(assertion!)["aud"].GetString());
        Assert.True((await App.VerifyAsync(assertion!, audience)).IsValid);
        Assert.False((await App.VerifyAsync(assertion!, audience == "recording" ? AssertionGateway.DefaultOtherAudience : "recording")).IsValid);
    }

    [Fact]
    public async Task Exp_NeverExceedsTheAccessTokens()
    {
        var tokenExpires = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddSeconds(45).ToUnixTimeSeconds());
        var token = AccessToken(TestApps.Demo, expires: tokenExpires);

        var assertion = await App.AssertionAtAsync(Backend, "/asserted", token);

        var claims = AssertionGateway.Payload(assertion!);
        Assert.Equal(tokenExpires.ToUnixTimeSeconds(), claims["exp"].GetInt64());
        Assert.True(claims["exp"].GetInt64() - claims["iat"].GetInt64() <= 120);
    }

    [Theory]
    [InlineData("/no-assertion")]
    [InlineData("/anonymous")]
    public async Task RouteWithoutAssertion_BackendGetsNone(string prefix)
    {
        var tokens = await App.RegisterAsync(TestUsers.UniqueName());

        Assert.Null(await App.AssertionAtAsync(Backend, prefix, tokens.AccessToken));
    }

    [Theory]
    [InlineData("/anonymous", "X-Trachea-Jwt-Assertion")]
    [InlineData("/asserted", "X-Trachea-Jwt-Assertion")]
    [InlineData("/asserted", "x_trachea_jwt_assertion")]
    [InlineData("/no-assertion", "X.Trachea.Jwt.Assertion")]
    public async Task ClientSentAssertion_NeverReachesTheBackend(string prefix, string name)
    {
        var tokens = await App.RegisterAsync(TestUsers.UniqueName());
        var genuine = await App.AssertionAtAsync(Backend, "/asserted", tokens.AccessToken);
        var marker = Guid.NewGuid().ToString("N");
        using var client = App.CreateClient(tokens.AccessToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{prefix}/{marker}");
        request.Headers.TryAddWithoutValidation(name, "forged");
        request.Headers.TryAddWithoutValidation(name, genuine);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = await Backend.SingleWithAsync(marker);
        Assert.DoesNotContain(received.Headers, h => h.Value.Any(v => v == "forged") || h.Key.Contains("Trachea", StringComparison.OrdinalIgnoreCase) && h.Key != AssertionClaims.Header);
        Assert.NotEqual("forged", received.Header(AssertionClaims.Header));
        if (prefix == "/asserted")
        {
            Assert.True((await App.VerifyAsync(received.Header(AssertionClaims.Header)!, "recording")).IsValid);
        }
        else
        {
            Assert.Null(received.Header(AssertionClaims.Header));
        }
    }

    [Theory]
    [InlineData("/asserted")]
    [InlineData("/audience")]
    [InlineData("/optional")]
    [InlineData("/admin-only")]
    [InlineData("/other-app")]
    [InlineData("/no-assertion")]
    [InlineData("/users/me")]
    public async Task Assertion_AsABearerToken_IsRefusedEverywhere(string path)
    {
        var admin = await App.RegisterAsync(TestUsers.UniqueName("admin"));
        await App.SetMembershipAsync(admin.UserId, TestApps.Demo, role: "admin");
        var assertion = await App.AssertionAtAsync(Backend, "/asserted", (await App.SignInAsync(admin.UserId)).AccessToken);
        var marker = Guid.NewGuid().ToString("N");
        using var client = App.CreateClient(assertion!);

        using var response = await client.GetAsync(path == "/users/me" ? path : $"{path}/{marker}");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN");
        Assert.Empty(Backend.With(marker));
    }

    [Fact]
    public async Task Jwks_PublishesOnlyPublicMembers_CacheablePublicly()
    {
        using var client = App.CreateClient();

        using var response = await client.GetAsync(JwksEndpoint.Path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public, max-age=300", response.Headers.CacheControl?.ToString());
        var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var key = Assert.Single(body.GetProperty("keys").EnumerateArray());
        Assert.Equal(["alg", "crv", "kid", "kty", "use", "x", "y"], key.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(("EC", "P-256", "sig", "ES256"), (key.GetProperty("kty").GetString(), key.GetProperty("crv").GetString(), key.GetProperty("use").GetString(), key.GetProperty("alg").GetString()));
        Assert.Equal(SigningKeyFactory.Thumbprint(key.GetProperty("x").GetString()!, key.GetProperty("y").GetString()!), key.GetProperty("kid").GetString());
        Assert.False(key.TryGetProperty("d", out _));
    }

    [Fact]
    public async Task Jwks_IsNeverProxied_NorNeedsAToken()
    {
        var tokens = await App.RegisterAsync(TestUsers.UniqueName());
        using var client = App.CreateClient(tokens.AccessToken);

        using var response = await client.GetAsync(JwksEndpoint.Path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(Backend.With("jwks"));
    }

    /// <summary>An access token as the gateway issues it, with the values a test needs.</summary>
    private static string AccessToken(string appId, DateTimeOffset expires, string? email = null) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "trachea",
            Audience = appId,
            IssuedAt = DateTime.UtcNow.AddMinutes(-1),
            Expires = expires.UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = "0123456789abcdef01234567",
                ["app_id"] = appId,
                ["role"] = "member",
                ["plan"] = "free",
                ["provider"] = "username",
                ["username"] = "zoe",
                ["sid"] = "family-1",
                ["ver"] = 0,
                ["jti"] = Guid.NewGuid().ToString("N"),
                ["email"] = email ?? "zoe@example.com",
            },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(GatewayApplication.JwtSecret)), SecurityAlgorithms.HmacSha256),
        });
}
