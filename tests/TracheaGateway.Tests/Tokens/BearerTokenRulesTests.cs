using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.Tokens;

public sealed class BearerTokenRulesTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private readonly GatewayApplication _app = gateway.App;

    [Fact]
    public async Task Token_IssuedByGateway_HasContractClaims()
    {
        var pair = await _app.RegisterAsync(TestUsers.UniqueName());

        var header = JsonWebTokenHeader(pair.AccessToken);
        var payload = JwtPayload.Read(pair.AccessToken);

        Assert.Equal("HS256", header);
        Assert.Equal("trachea", payload.GetProperty("iss").GetString());
        Assert.Equal(TestApps.Demo, payload.GetProperty("aud").GetString());
        Assert.Equal(pair.UserId, payload.GetProperty("sub").GetString());
        foreach (var claim in new[] { "app_id", "role", "plan", "provider", "jti", "iat", "exp", "username" })
        {
            Assert.True(payload.TryGetProperty(claim, out _), $"token has {claim}");
        }

        Assert.False(payload.TryGetProperty("email", out _), "no email claim for a user without email");
        Assert.Equal(15 * 60, payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64());
    }

    [Fact]
    public async Task Token_Expired_Returns401TokenExpired()
    {
        var pair = await _app.RegisterAsync(TestUsers.UniqueName());
        var token = Sign(pair.UserId, GatewayApplication.JwtSecret, expires: DateTime.UtcNow.AddSeconds(-31), issuedAt: DateTime.UtcNow.AddMinutes(-16));

        using var response = await GetMeAsync(token);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "TOKEN_EXPIRED");
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_ExpiredWithinClockSkew_IsAccepted()
    {
        var pair = await _app.RegisterAsync(TestUsers.UniqueName());
        var token = Sign(pair.UserId, GatewayApplication.JwtSecret, expires: DateTime.UtcNow.AddSeconds(-10), issuedAt: DateTime.UtcNow.AddMinutes(-15));

        using var response = await GetMeAsync(token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Token_WithoutExp_Returns401InvalidToken()
    {
        var pair = await _app.RegisterAsync(TestUsers.UniqueName());
        var token = Sign(pair.UserId, GatewayApplication.JwtSecret, expires: null, issuedAt: DateTime.UtcNow);

        using var response = await GetMeAsync(token);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN");
    }

    [Fact]
    public async Task Token_SignedWithAnotherKey_Returns401InvalidToken()
    {
        var pair = await _app.RegisterAsync(TestUsers.UniqueName());
        var token = Sign(pair.UserId, "another-secret-that-is-long-enough-for-hs256-and-hs512-0123456789abcdef", DateTime.UtcNow.AddMinutes(5), DateTime.UtcNow);

        using var response = await GetMeAsync(token);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN");
    }

    [Fact]
    public async Task Token_AlgNone_Returns401InvalidToken()
    {
        var pair = await _app.RegisterAsync(TestUsers.UniqueName());
        var parts = pair.AccessToken.Split('.');
        var none = Base64Url.EncodeToString(Encoding.UTF8.GetBytes("""{"alg":"none","typ":"JWT"}"""));

        using var response = await GetMeAsync($"{none}.{parts[1]}.");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN");
    }

    [Fact]
    public async Task Token_TamperedPayload_Returns401InvalidToken()
    {
        var pair = await _app.RegisterAsync(TestUsers.UniqueName());
        var parts = pair.AccessToken.Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])).Replace("\"member\"", "\"admin\"", StringComparison.Ordinal);

        using var response = await GetMeAsync($"{parts[0]}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}.{parts[2]}");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN");
    }

    [Fact]
    public async Task Token_HS512WithRightKey_Returns401InvalidToken()
    {
        var pair = await _app.RegisterAsync(TestUsers.UniqueName());
        var token = Sign(pair.UserId, GatewayApplication.JwtSecret, DateTime.UtcNow.AddMinutes(5), DateTime.UtcNow, SecurityAlgorithms.HmacSha512);

        using var response = await GetMeAsync(token);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN");
    }

    [Fact]
    public async Task Token_Malformed_Returns401InvalidToken()
    {
        using var response = await GetMeAsync("not-a-jwt");
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN");
    }

    [Fact]
    public async Task TwoAuthorizationHeaders_Returns401InvalidToken()
    {
        var pair = await _app.RegisterAsync(TestUsers.UniqueName());
        using var client = _app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/users/me");
        request.Headers.TryAddWithoutValidation("Authorization", [$"Bearer {pair.AccessToken}", $"Bearer {pair.AccessToken}"]);

        using var response = await client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN");
    }

    [Fact]
    public async Task TokenInQueryOrCookie_IsIgnored()
    {
        var pair = await _app.RegisterAsync(TestUsers.UniqueName());
        using var client = _app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/users/me?access_token={pair.AccessToken}");
        request.Headers.Add("Cookie", $"access_token={pair.AccessToken}");

        using var response = await client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "AUTH_REQUIRED");
    }

    private async Task<HttpResponseMessage> GetMeAsync(string token)
    {
        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync("/users/me");
    }

    private static string JsonWebTokenHeader(string token) => new JsonWebToken(token).Alg;

    private static string Sign(string userId, string secret, DateTime? expires, DateTime issuedAt, string algorithm = SecurityAlgorithms.HmacSha256)
    {
        var claims = new Dictionary<string, object>
        {
            ["sub"] = userId,
            ["app_id"] = TestApps.Demo,
            ["role"] = "member",
            ["plan"] = "free",
            ["provider"] = "username",
            ["jti"] = Guid.NewGuid().ToString("N"),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "trachea",
            Audience = TestApps.Demo,
            IssuedAt = issuedAt,
            Expires = expires,
            Claims = claims,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), algorithm),
        });
    }
}
