using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.Operations;

public sealed class CorsTests
{
    private const string Allowed = "https://app.example.com";
    private const string Other = "https://evil.example.net";

    [Fact]
    public async Task NotConfigured_NoCorsHeadersEvenForPreflight()
    {
        using var app = new GatewayApplication();
        using var client = app.CreateClient();

        using var preflight = await client.SendAsync(Preflight(Allowed));
        using var simple = await client.SendAsync(Login(Allowed));

        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(simple.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Configured_AllowedOriginGetsHeadersOnPreflightAndOnProblemAnswers()
    {
        using var app = Configured();
        using var client = app.CreateClient();

        using var preflight = await client.SendAsync(Preflight(Allowed));
        using var simple = await client.SendAsync(Login(Allowed));

        Assert.Equal(Allowed, Assert.Single(preflight.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("POST", string.Join(',', preflight.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);
        Assert.Equal(Allowed, Assert.Single(simple.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.False(simple.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task Configured_ScriptsMayReadTheRateLimitHeaders()
    {
        using var app = Configured();
        using var client = app.CreateClient();

        using var simple = await client.SendAsync(Login(Allowed));

        var exposed = string.Join(',', simple.Headers.GetValues("Access-Control-Expose-Headers")).Split(',', StringSplitOptions.TrimEntries);
        Assert.Contains("Retry-After", exposed);
        Assert.Contains("RateLimit", exposed);
        Assert.Contains("RateLimit-Policy", exposed);
    }

    [Theory]
    [InlineData(Other)]
    [InlineData("https://app.example.com.evil.example.net")]
    [InlineData("http://app.example.com")]
    [InlineData("null")]
    public async Task Configured_OtherOriginGetsNoHeaders(string origin)
    {
        using var app = Configured();
        using var client = app.CreateClient();

        using var preflight = await client.SendAsync(Preflight(origin));
        using var simple = await client.SendAsync(Login(origin));

        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(simple.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static GatewayApplication Configured() =>
        new(new Dictionary<string, string?> { ["Trachea:CorsAllowedOrigins"] = $"{Allowed}, https://admin.example.com" });

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/auth/login");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return request;
    }

    private static HttpRequestMessage Login(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/auth/login")
        {
            Content = JsonContent.Create(new { username = "nobody-at-all", password = "not the password" }),
        };
        request.Headers.Add("Origin", origin);
        return request;
    }
}
