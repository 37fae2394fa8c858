namespace Trachea.Tests.Proxy;

/// <summary>The gateway's own cookies are taken out of the Cookie header before forwarding; every other cookie passes.</summary>
public sealed class GatewayCookiesTests(ProxyFixture proxy) : IClassFixture<ProxyFixture>
{
    [Theory]
    [InlineData("a=1; __Host-trachea_session=s3cret; b=2", "a=1; b=2")]
    [InlineData("__Host-trachea_csrf=t0ken; a=1", "a=1")]
    [InlineData("a=1;__Host-trachea_session=s;__Host-trachea_csrf=c;b=x=y", "a=1; b=x=y")]
    [InlineData("a=1; __host-TRACHEA_session=s", "a=1")]
    [InlineData("__Host-trachea_sessions=kept; a=1", "__Host-trachea_sessions=kept; a=1")]
    public async Task OneCookieHeader_GatewayCookiesRemoved(string cookie, string expected)
    {
        var received = await SendAsync("/raw", Caller.Anonymous, ("Cookie", cookie));

        Assert.Equal(expected, received.Header("Cookie"));
    }

    [Fact]
    public async Task SeveralCookieHeaders_GatewayCookiesRemovedFromEach()
    {
        var received = await SendAsync("/raw-required", proxy.Member, ("Cookie", "a=1; __Host-trachea_session=s"), ("Cookie", "__Host-trachea_csrf=c"), ("Cookie", "b=2"));

        Assert.Equal("a=1; b=2", received.Header("Cookie"));
        Assert.Equal(proxy.Member.UserId, received.Header("X-User-Id"));
    }

    [Fact]
    public async Task OnlyGatewayCookies_NoCookieHeaderAtAll()
    {
        var received = await SendAsync("/raw", Caller.Anonymous, ("Cookie", "__Host-trachea_session=s"), ("Cookie", "__Host-trachea_csrf=c"));

        Assert.Null(received.Header("Cookie"));
    }

    [Fact]
    public async Task OtherCookies_PassUntouched()
    {
        var received = await SendAsync("/raw", Caller.Anonymous, ("Cookie", "a=1;b=2"), ("Cookie", "c=3"));

        Assert.Equal("a=1;b=2; c=3", received.Header("Cookie"));
    }

    private async Task<RecordingBackend.Received> SendAsync(string route, Caller caller, params (string Name, string Value)[] cookies)
    {
        var marker = Guid.NewGuid().ToString("N");
        var response = await RawHttp.SendAsync(proxy.Address, "GET", $"{route}/{marker}", [.. caller.AuthorizationHeader, .. cookies]);
        Assert.Equal(200, response.Status);
        return await proxy.RecordingBackend.SingleWithAsync(marker);
    }
}
