using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.Proxy;

/// <summary>
/// <c>RateLimitPerMinute</c> on proxied routes, end to end with real tokens: counts per (user, app) or per
/// client address, 429 before the backend, and the RateLimit headers on every response of a limited route.
/// Everything happens well inside one window; the window's edges are <see cref="SlidingWindowTests"/>.
/// </summary>
public sealed partial class RateLimitTests(RateLimitGateway gateway) : IClassFixture<RateLimitGateway>
{
    [Fact]
    public async Task PastTheLimit_429WithRetryAfter_AndTheBackendNeverSeesIt()
    {
        var user = await gateway.NewUserAsync();
        for (var expectedRemaining = 2; expectedRemaining >= 0; expectedRemaining--)
        {
            var (allowed, path) = await gateway.GetAsync("/limited", user.AccessToken);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
            Assert.Equal("\"free\";q=3;w=60", Header(allowed, "RateLimit-Policy"));
            AssertState(allowed, "free", expectedRemaining);
            Assert.Equal(1, gateway.ReceivedAt(path));
        }

        var (refused, refusedPath) = await gateway.GetAsync("/limited", user.AccessToken);

        var problem = await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        Assert.Contains("at most 3 a minute", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var retryAfter = int.Parse(Header(refused, "Retry-After")!, CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 50, 60);
        Assert.Equal("\"free\";q=3;w=60", Header(refused, "RateLimit-Policy"));
        Assert.Equal(retryAfter, AssertState(refused, "free", 0));
        await AssertNeverForwardedAsync(refusedPath);
    }

    [Fact]
    public async Task OneUserRunningOut_LeavesAnotherUntouched()
    {
        var first = await gateway.NewUserAsync();
        var second = await gateway.NewUserAsync();
        await ExhaustAsync("/limited", first.AccessToken, 3);

        var (response, _) = await gateway.GetAsync("/limited", second.AccessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertState(response, "free", 2);
    }

    [Fact]
    public async Task FreeAndPro_EachGetTheirPlansLimit()
    {
        var free = await gateway.NewUserAsync();
        var pro = await gateway.NewUserAsync("pro");

        await ExhaustAsync("/limited", free.AccessToken, 3);
        await ExhaustAsync("/limited", pro.AccessToken, 5);

        var (refused, _) = await gateway.GetAsync("/limited", pro.AccessToken);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("\"pro\";q=5;w=60", Header(refused, "RateLimit-Policy"));
    }

    [Fact]
    public async Task PlanNotNamed_IsNotLimited_AndGetsNoHeaders()
    {
        var enterprise = await gateway.NewUserAsync("enterprise");

        for (var i = 0; i < 8; i++)
        {
            var (response, _) = await gateway.GetAsync("/limited", enterprise.AccessToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Null(Header(response, "RateLimit"));
            Assert.Null(Header(response, "RateLimit-Policy"));
        }
    }

    [Fact]
    public async Task NewTokenOfTheSameUser_KeepsTheCount()
    {
        var user = await gateway.NewUserAsync();
        await ExhaustAsync("/limited", user.AccessToken, 3);

        var next = await gateway.RefreshAsync(user);
        var (response, _) = await gateway.GetAsync("/limited", next.AccessToken);

        Assert.NotEqual(user.AccessToken, next.AccessToken);
        await response.AssertProblemAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
    }

    [Fact]
    public async Task PlanChange_AppliesFromTheNextToken_WithTheCountSoFar()
    {
        var user = await gateway.NewUserAsync();
        await ExhaustAsync("/limited", user.AccessToken, 3);
        await gateway.App.SetMembershipAsync(user.UserId, TestApps.Demo, plan: "pro");

        var (oldToken, _) = await gateway.GetAsync("/limited", user.AccessToken);
        var proToken = (await gateway.RefreshAsync(user)).AccessToken;
        var (fourth, _) = await gateway.GetAsync("/limited", proToken);
        var (fifth, _) = await gateway.GetAsync("/limited", proToken);
        var (sixth, _) = await gateway.GetAsync("/limited", proToken);

        Assert.Equal(HttpStatusCode.TooManyRequests, oldToken.StatusCode);
        Assert.Equal("\"free\";q=3;w=60", Header(oldToken, "RateLimit-Policy"));
        Assert.Equal(HttpStatusCode.OK, fourth.StatusCode);
        Assert.Equal("\"pro\";q=5;w=60", Header(fourth, "RateLimit-Policy"));
        AssertState(fourth, "pro", 1);
        Assert.Equal(HttpStatusCode.OK, fifth.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
    }

    [Fact]
    public async Task OneNumber_LimitsEveryPlanAlike()
    {
        var free = await gateway.NewUserAsync();
        var pro = await gateway.NewUserAsync("pro");

        await ExhaustAsync("/everyone", free.AccessToken, 2);
        await ExhaustAsync("/everyone", pro.AccessToken, 2);

        var (refused, _) = await gateway.GetAsync("/everyone", pro.AccessToken);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("\"pro\";q=2;w=60", Header(refused, "RateLimit-Policy"));
    }

    [Fact]
    public async Task Anonymous_CountedByAddress_SpoofedForwardedForDoesNotEscape()
    {
        using var client = LoopbackClient.From(gateway.Address, "127.0.0.41");
        using var neighbour = LoopbackClient.From(gateway.Address, "127.0.0.42");
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var (response, _) = await gateway.GetAsync("/limited", client: client, forwardedFor: $"203.0.113.{attempt}");
            statuses.Add(response.StatusCode);
            if (attempt == 1)
            {
                Assert.Equal("\"anonymous\";q=2;w=60", Header(response, "RateLimit-Policy"));
                AssertState(response, "anonymous", 1);
            }
        }

        var (fromNeighbour, _) = await gateway.GetAsync("/limited", client: neighbour);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, fromNeighbour.StatusCode);
    }

    [Fact]
    public async Task AnonymousRoute_CountsByAddressEvenWithAToken()
    {
        using var client = LoopbackClient.From(gateway.Address, "127.0.0.43");
        var user = await gateway.NewUserAsync();
        var other = await gateway.NewUserAsync();
        await gateway.GetAsync("/open", user.AccessToken, client);
        await gateway.GetAsync("/open", other.AccessToken, client);

        var (refused, path) = await gateway.GetAsync("/open", client: client);

        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        Assert.Equal("\"anonymous\";q=2;w=60", Header(refused, "RateLimit-Policy"));
        await AssertNeverForwardedAsync(path);
    }

    [Fact]
    public async Task RouteWithoutTheKey_IsNeverLimited_AndGetsNoHeaders()
    {
        using var client = LoopbackClient.From(gateway.Address, "127.0.0.44");
        var user = await gateway.NewUserAsync();

        for (var i = 0; i < 10; i++)
        {
            var (anonymous, _) = await gateway.GetAsync("/unlimited", client: client);
            var (authenticated, _) = await gateway.GetAsync("/unlimited", user.AccessToken);
            Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
            Assert.Equal(HttpStatusCode.OK, authenticated.StatusCode);
            Assert.Null(Header(anonymous, "RateLimit"));
            Assert.Null(Header(authenticated, "RateLimit-Policy"));
        }
    }

    [Fact]
    public async Task RefusedBeforeTheLimit_ByAuthentication_DoesNotCount()
    {
        var user = await gateway.NewUserAsync();
        for (var i = 0; i < 3; i++)
        {
            var (refused, _) = await gateway.GetAsync("/limited", TestTokens.Tampered(user.AccessToken));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        var (response, _) = await gateway.GetAsync("/limited", user.AccessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertState(response, "free", 2);
    }

    /// <summary>Asserts the RateLimit header of this caller's quota and returns its seconds to reset.</summary>
    internal static int AssertState(HttpResponseMessage response, string name, int remaining)
    {
        var value = Header(response, "RateLimit");
        var match = StateHeader().Match(value ?? "");
        Assert.True(match.Success, $"RateLimit: {value}");
        Assert.Equal(name, match.Groups["name"].Value);
        Assert.Equal(remaining, int.Parse(match.Groups["r"].Value, CultureInfo.InvariantCulture));
        var reset = int.Parse(match.Groups["t"].Value, CultureInfo.InvariantCulture);
        Assert.InRange(reset, 1, 60);
        return reset;
    }

    internal static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;

    private async Task ExhaustAsync(string prefix, string accessToken, int limit)
    {
        for (var i = 0; i < limit; i++)
        {
            var (response, _) = await gateway.GetAsync(prefix, accessToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    // The backend logs a request once it has answered it; a later request it has logged shows it would have
    // logged the refused one by now.
    private async Task AssertNeverForwardedAsync(string refusedPath)
    {
        var (later, laterPath) = await gateway.GetAsync("/unlimited");
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (gateway.ReceivedAt(laterPath) == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(1, gateway.ReceivedAt(laterPath));
        Assert.Equal(0, gateway.ReceivedAt(refusedPath));
    }

    [GeneratedRegex("""^"(?<name>[a-z]+)";r=(?<r>\d+);t=(?<t>\d+)$""")]
    private static partial Regex StateHeader();
}
