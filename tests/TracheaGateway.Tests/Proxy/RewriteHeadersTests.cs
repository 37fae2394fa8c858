namespace Trachea.Tests.Proxy;

/// <summary>
/// Headers some frameworks rewrite a request's URL or method from never reach a backend, in any spelling, on
/// every kind of route; a value the route's own configuration sends still does.
/// </summary>
public sealed class RewriteHeadersTests(ProxyFixture proxy) : IClassFixture<ProxyFixture>
{
    private static readonly string[] Rewriting =
    [
        "X-Original-URL", "x-rewrite-url", "X-ORIGINAL-URI", "X-Forwarded-Uri", "X-Forwarded-Prefix",
        "X-HTTP-Method-Override", "x-http-method", "X-Method-Override",
        "X_Original_URL", "x.rewrite.url", "X_Forwarded_Prefix", "X_HTTP_Method_Override", "x.method.override",
    ];

    [Theory]
    [InlineData("/raw", "anonymous")]
    [InlineData("/raw-required", "member")]
    [InlineData("/raw-forwarded-off", "anonymous")]
    [InlineData("/raw-forwarded-append", "anonymous")]
    [InlineData("/raw-strip", "anonymous")]
    public async Task RewriteHeaders_AbsentAtTheBackend(string route, string callerName)
    {
        var marker = Guid.NewGuid().ToString("N");
        (string, string)[] headers = [.. proxy[callerName].AuthorizationHeader, .. Rewriting.Select(name => (name, "/admin/x"))];

        var response = await RawHttp.SendAsync(proxy.Address, "GET", $"{route}/{marker}", headers);

        Assert.Equal(200, response.Status);
        var received = await proxy.RecordingBackend.SingleWithAsync(marker);
        Assert.All(Rewriting, name => Assert.Null(received.Header(name)));
        Assert.DoesNotContain(received.Headers.Values, values => values.Contains("/admin/x"));
    }

    [Fact]
    public async Task RewriteHeaderSentTwice_EveryCopyRemoved()
    {
        var marker = Guid.NewGuid().ToString("N");

        var response = await RawHttp.SendAsync(proxy.Address, "GET", $"/raw/{marker}", ("X-HTTP-Method-Override", "DELETE"), ("x-http-method-override", "PUT"));

        Assert.Equal(200, response.Status);
        Assert.Null((await proxy.RecordingBackend.SingleWithAsync(marker)).Header("X-HTTP-Method-Override"));
    }

    [Fact]
    public async Task ForwardedPrefixOfTheRoutesConfiguration_SentInPlaceOfTheClients()
    {
        var marker = Guid.NewGuid().ToString("N");

        var response = await RawHttp.SendAsync(proxy.Address, "GET", $"/raw-own-prefix/{marker}", ("X-Forwarded-Prefix", "/evil"));

        Assert.Equal(200, response.Status);
        Assert.Equal(TestRoutes.OwnForwardedPrefix, (await proxy.RecordingBackend.SingleWithAsync(marker)).Header("X-Forwarded-Prefix"));
    }

    [Fact]
    public async Task OtherForwardedHeaders_StillSentByYarp()
    {
        var marker = Guid.NewGuid().ToString("N");

        var response = await RawHttp.SendAsync(proxy.Address, "GET", $"/raw/{marker}");

        Assert.Equal(200, response.Status);
        var received = await proxy.RecordingBackend.SingleWithAsync(marker);
        Assert.Equal("127.0.0.1", received.Header("X-Forwarded-For"));
        Assert.Equal("http", received.Header("X-Forwarded-Proto"));
    }
}
