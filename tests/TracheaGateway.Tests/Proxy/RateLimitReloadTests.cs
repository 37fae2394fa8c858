using System.Net;

namespace Trachea.Tests.Proxy;

/// <summary>A changed <c>RateLimitPerMinute</c> in the routes file applies without a restart, to the count so far.</summary>
public sealed class RateLimitReloadTests : IDisposable
{
    private static readonly TimeSpan ReloadLimit = TimeSpan.FromSeconds(10);

    private readonly RateLimitGateway _gateway = new();

    [Fact]
    public async Task RaisedLimit_AppliesWithoutRestart()
    {
        var user = await _gateway.NewUserAsync();
        await AssertStatusesAsync(user.AccessToken, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests);

        _gateway.WriteRoutes("free=5");

        var deadline = DateTime.UtcNow + ReloadLimit;
        HttpResponseMessage response;
        while ((response = (await _gateway.GetAsync("/limited", user.AccessToken)).Response).StatusCode == HttpStatusCode.TooManyRequests)
        {
            Assert.True(DateTime.UtcNow < deadline, $"still the old limit after {ReloadLimit.TotalSeconds} s");
            await Task.Delay(100);
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"free\";q=5;w=60", RateLimitTests.Header(response, "RateLimit-Policy"));
        RateLimitTests.AssertState(response, "free", 1);
        await AssertStatusesAsync(user.AccessToken, HttpStatusCode.OK, HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task LimitRemoved_RouteNoLongerLimited()
    {
        var user = await _gateway.NewUserAsync();
        await AssertStatusesAsync(user.AccessToken, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests);

        _gateway.WriteRoutes("pro=100");

        var deadline = DateTime.UtcNow + ReloadLimit;
        while ((await _gateway.GetAsync("/limited", user.AccessToken)).Response.StatusCode != HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, $"still limited after {ReloadLimit.TotalSeconds} s");
            await Task.Delay(100);
        }

        var (response, _) = await _gateway.GetAsync("/limited", user.AccessToken);
        Assert.Null(RateLimitTests.Header(response, "RateLimit"));
    }

    public void Dispose() => _gateway.Dispose();

    private async Task AssertStatusesAsync(string accessToken, params HttpStatusCode[] expected)
    {
        var statuses = new List<HttpStatusCode>();
        foreach (var _ in expected)
        {
            statuses.Add((await _gateway.GetAsync("/limited", accessToken)).Response.StatusCode);
        }

        Assert.Equal(expected, statuses);
    }
}
