using System.Net;

namespace Trachea.Tests.Proxy;

/// <summary>
/// YARP protects affinity cookies with Data Protection, whose key ring the gateway no longer loads at start-up
/// (UnusedKeyRing): on a cluster with affinity it is loaded on first use, and the cookie still works.
/// </summary>
public sealed class SessionAffinityTests(ProxyFixture proxy) : IClassFixture<ProxyFixture>
{
    [Fact]
    public async Task ClusterWithAffinity_SetsAProtectedCookieThatIsAcceptedBack()
    {
        using var client = proxy.CreateClient();
        var firstPath = ProxyFixture.UniquePath("/sticky");

        using var first = await client.GetAsync(firstPath);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var setCookie = Assert.Single(first.Headers.GetValues("Set-Cookie"), value => value.StartsWith($"{TestRoutes.SessionAffinityCookie}=", StringComparison.Ordinal));
        var cookie = setCookie.Split(';')[0];
        Assert.True(cookie.Length > TestRoutes.SessionAffinityCookie.Length + 1, "the affinity cookie has a value");

        var secondPath = ProxyFixture.UniquePath("/sticky");
        using var second = new HttpRequestMessage(HttpMethod.Get, secondPath);
        second.Headers.Add("Cookie", cookie);
        using var answer = await client.SendAsync(second);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.False(answer.Headers.Contains("Set-Cookie"), "a cookie that unprotects is not replaced");
        await proxy.SingleReceivedAtAsync(secondPath);
    }
}
