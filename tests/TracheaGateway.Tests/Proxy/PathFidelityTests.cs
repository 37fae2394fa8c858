namespace Trachea.Tests.Proxy;

/// <summary>
/// Paths reach the backend as the client wrote them (docs/proxying.md), read from the raw request target
/// the backend's Kestrel saw; paths that would resolve differently once an encoded separator is decoded are
/// refused on every route. "{m}" is replaced by a fresh marker.
/// </summary>
public sealed class PathFidelityTests(ProxyFixture proxy) : IClassFixture<ProxyFixture>
{
    [Theory]
    [InlineData("/raw/@scope%2Fname/{m}", "/raw/@scope%2Fname/{m}")]
    [InlineData("/raw/@scope%2fname/{m}", "/raw/@scope%2fname/{m}")]
    [InlineData("/raw/a%2F%2Fb/{m}", "/raw/a%2F%2Fb/{m}")]
    [InlineData("/raw/%2F{m}", "/raw/%2F{m}")]
    [InlineData("/raw/a%2Fb/{m}?q=a%2Fb&x=%25", "/raw/a%2Fb/{m}?q=a%2Fb&x=%25")]
    [InlineData("/raw/a%5Cb/{m}", "/raw/a%5Cb/{m}")]
    [InlineData("/raw/a%5cb/{m}", "/raw/a%5Cb/{m}")]
    [InlineData("/raw/%C3%A4%2F%20x/{m}", "/raw/%C3%A4%2F%20x/{m}")]
    [InlineData("/raw-strip/a%2Fb/{m}", "/a%2Fb/{m}")]
    [InlineData("/raw-prefix/a%2Fb/{m}", "/under/raw-prefix/a%2Fb/{m}")]
    [InlineData("/raw-pattern/a%2Fb/{m}", "/pattern/a%2Fb/{m}")]
    public async Task EncodedSlash_ReachesTheBackendAsTheClientEncodedIt(string template, string expected)
    {
        var marker = Guid.NewGuid().ToString("N");

        var response = await RawHttp.SendAsync(proxy.Address, "GET", Mark(template, marker));

        Assert.True(response.Status == 200, $"expected 200, got {response.Status}: {response.Body}");
        var received = await proxy.RecordingBackend.SingleWithAsync(marker);
        Assert.Equal(Mark(expected, marker), received.RawTarget);
    }

    [Theory]
    [InlineData("/raw/plain/{m}", "/raw/plain/{m}")]
    [InlineData("/raw/a%20b/{m}?q=1", "/raw/a%20b/{m}?q=1")]
    [InlineData("/raw-strip/x/{m}", "/x/{m}")]
    [InlineData("/raw-prefix/x/{m}", "/under/raw-prefix/x/{m}")]
    [InlineData("/raw-pattern/x/{m}", "/pattern/x/{m}")]
    public async Task PathWithoutEncodedSlash_ForwardedByTheRoutesTransforms(string template, string expected)
    {
        var marker = Guid.NewGuid().ToString("N");

        var response = await RawHttp.SendAsync(proxy.Address, "GET", Mark(template, marker));

        Assert.Equal(200, response.Status);
        Assert.Equal(Mark(expected, marker), (await proxy.RecordingBackend.SingleWithAsync(marker)).RawTarget);
    }

    [Theory]
    [InlineData("/raw/public/..%2fadmin/{m}")]
    [InlineData("/raw/public/..%2Fadmin/{m}")]
    [InlineData("/raw/public/.%2Fadmin/{m}")]
    [InlineData("/raw/public/%2e%2e%2Fadmin/{m}")]
    [InlineData("/raw/public%2F..%2Fadmin/{m}")]
    [InlineData("/raw/public/x%2F../{m}")]
    [InlineData("/raw/public/x%2F..?{m}")]
    [InlineData("/raw/public/x%5C..%5Cadmin/{m}")]
    [InlineData("/raw/public/x%5c.%5cadmin/{m}")]
    [InlineData("/raw/public/..%5Cadmin/{m}")]
    [InlineData("/raw/public/%252e%252e/admin/{m}")]
    [InlineData("/raw/public/%252Fadmin/{m}")]
    [InlineData("/raw/public/%252fadmin/{m}")]
    [InlineData("/raw/a%2Fb%252Fc/{m}")]
    [InlineData("/raw/public/%2561dmin/{m}")]
    [InlineData("/api/public/..%2Fadmin/{m}")]
    [InlineData("/api/public/x%5C..%5Cadmin/{m}")]
    public async Task AmbiguousPathOnAnonymousRoute_422AndBackendNeverCalled(string template)
    {
        await AssertRefusedAsync(template, Caller.Anonymous);
    }

    [Theory]
    [InlineData("/raw-required/public/..%2fadmin/{m}")]
    [InlineData("/raw-required/public/x%5C..%5Cadmin/{m}")]
    [InlineData("/raw-required/public/%252e%252e/admin/{m}")]
    [InlineData("/raw-required/public/%252Fadmin/{m}")]
    [InlineData("/raw-required/@scope%2Fname/{m}")]
    public async Task AmbiguousPathOnProtectedRoute_422AndBackendNeverCalled(string template)
    {
        await AssertRefusedAsync(template, proxy.Member);
        await AssertRefusedAsync(template, Caller.Anonymous);
    }

    [Theory]
    [InlineData("/raw/a..%2Fb/{m}")]
    [InlineData("/raw/...%2Fb/{m}")]
    [InlineData("/raw/x%2F.b/{m}")]
    [InlineData("/raw/x%5C..b/{m}")]
    public async Task DotsThatAreNotASegment_Forwarded(string template)
    {
        var marker = Guid.NewGuid().ToString("N");

        var response = await RawHttp.SendAsync(proxy.Address, "GET", Mark(template, marker));

        Assert.Equal(200, response.Status);
        await proxy.RecordingBackend.SingleWithAsync(marker);
    }

    private async Task AssertRefusedAsync(string template, Caller caller)
    {
        var marker = Guid.NewGuid().ToString("N");

        var response = await RawHttp.SendAsync(proxy.Address, "GET", Mark(template, marker), caller.AuthorizationHeader);

        Assert.True(response.Status == 422, $"{caller}: expected 422, got {response.Status}: {response.Body}");
        Assert.Contains("\"code\":\"VALIDATION_ERROR\"", response.Body, StringComparison.Ordinal);
        Assert.Empty(proxy.RecordingBackend.With(marker));
        Assert.DoesNotContain(proxy.Backend.LogEntries, e => e.RequestMessage.Url.Contains(marker, StringComparison.Ordinal));
    }

    private static string Mark(string template, string marker) => template.Replace("{m}", marker, StringComparison.Ordinal);
}
