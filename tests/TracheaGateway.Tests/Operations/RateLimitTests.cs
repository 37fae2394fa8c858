using System.Net;
using Trachea.AuthEndpoints.RateLimiting;
using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.Operations;

public sealed class RateLimitTests
{
    private const int PerAddress = 3;
    private const int PerUsername = 2;

    private static readonly object WrongLogin = new { username = "nobody-at-all", password = "not the password" };

    private static OperationsGateway Gateway(int perAddress = PerAddress, int perUsername = 1000, string? knownProxies = null) => new(new Dictionary<string, string?>
    {
        ["Trachea:RateLimitPerIpPerMinute"] = perAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Trachea:RateLimitPerUsernamePerMinute"] = perUsername.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Trachea:KnownProxies"] = knownProxies,
    });

    [Theory]
    [InlineData("/auth/login")]
    [InlineData("/auth/register")]
    [InlineData("/auth/refresh")]
    public async Task Post_PastPerAddressLimit_Returns429WithRetryAfter(string path)
    {
        using var app = Gateway();
        using var client = app.CreateClient(IPAddress.Parse("192.0.2.10"));

        for (var attempt = 1; attempt <= PerAddress; attempt++)
        {
            using var allowed = await client.PostAsJsonAsync(path, new { });
            Assert.NotEqual(HttpStatusCode.TooManyRequests, allowed.StatusCode);
        }

        using var refused = await client.PostAsJsonAsync(path, new { });

        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        var retryAfter = int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
    }

    [Fact]
    public async Task Login_SpoofedForwardedFor_DoesNotResetLimit()
    {
        using var app = Gateway();
        using var client = app.CreateClient(IPAddress.Parse("192.0.2.20"));

        HttpStatusCode last = default;
        for (var attempt = 1; attempt <= PerAddress + 1; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/login") { Content = JsonContent.Create(WrongLogin) };
            request.Headers.Add("X-Forwarded-For", $"203.0.113.{attempt}");
            using var response = await client.SendAsync(request);
            last = response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last);
    }

    [Fact]
    public async Task Login_OtherClientAddress_HasItsOwnAllowance()
    {
        using var app = Gateway();
        using var first = app.CreateClient(IPAddress.Parse("192.0.2.30"));
        using var second = app.CreateClient(IPAddress.Parse("2001:db8::30"));
        for (var attempt = 1; attempt <= PerAddress + 1; attempt++)
        {
            using var _ = await first.PostAsJsonAsync("/auth/login", WrongLogin);
        }

        using var response = await second.PostAsJsonAsync("/auth/login", WrongLogin);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
    }

    [Fact]
    public async Task Login_SameUsernameFromManyAddresses_Returns429AfterPerUsernameLimit()
    {
        using var app = Gateway(perAddress: 1000, perUsername: PerUsername);
        var username = TestUsers.UniqueName();
        await app.RegisterAsync(username);

        for (var attempt = 1; attempt <= PerUsername; attempt++)
        {
            using var client = app.CreateClient(IPAddress.Parse($"198.51.100.{attempt}"));
            using var wrong = await client.PostAsJsonAsync("/auth/login", new { username, password = "not the password" });
            await wrong.AssertProblemAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        }

        using var fresh = app.CreateClient(IPAddress.Parse("198.51.100.200"));
        using var refused = await fresh.PostAsJsonAsync("/auth/login", new { username = username.ToUpperInvariant(), password = TestUsers.Password });
        using var otherUser = await fresh.PostAsJsonAsync("/auth/login", WrongLogin);

        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        Assert.True(refused.Headers.RetryAfter is not null, "Retry-After is sent");
        await otherUser.AssertProblemAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
    }

    [Fact]
    public async Task Login_ThroughKnownProxy_KeysOnForwardedAddress()
    {
        using var app = Gateway(knownProxies: "10.0.0.5");
        using var proxy = app.CreateClient(IPAddress.Parse("10.0.0.5"));
        using var stranger = app.CreateClient(IPAddress.Parse("10.0.0.6"));

        var throughProxy = new List<HttpStatusCode>();
        var fromStranger = new List<HttpStatusCode>();
        for (var attempt = 1; attempt <= PerAddress + 1; attempt++)
        {
            throughProxy.Add(await LoginForwardedForAsync(proxy, $"203.0.113.{attempt}"));
            fromStranger.Add(await LoginForwardedForAsync(stranger, $"203.0.113.{100 + attempt}"));
        }

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, throughProxy);
        Assert.Equal(HttpStatusCode.TooManyRequests, fromStranger[^1]);
    }

    [Theory]
    [InlineData(null, "unknown")]
    [InlineData("192.0.2.1", "192.0.2.1")]
    [InlineData("::ffff:192.0.2.1", "192.0.2.1")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void PartitionKey_IsTheAddressOrItsIpv6Network(string? address, string key)
    {
        Assert.Equal(key, ClientAddressPolicy.PartitionKey(address is null ? null : IPAddress.Parse(address)));
    }

    [Fact]
    public async Task Logout_IsNotRateLimited()
    {
        using var app = Gateway(perAddress: 1);
        var username = TestUsers.UniqueName();
        var pair = await app.RegisterAsync(username);

        // A logout revokes the token it came with; each attempt signs in again (register was the one attempt allowed).
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            using var client = app.CreateClient(pair.AccessToken);
            using var response = await client.PostAsync("/auth/logout", null);
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            pair = await app.SignInAsync(pair.UserId);
        }
    }

    private static async Task<HttpStatusCode> LoginForwardedForAsync(HttpClient client, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/login") { Content = JsonContent.Create(WrongLogin) };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
