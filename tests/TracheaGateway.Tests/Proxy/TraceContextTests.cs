using System.Net;
using System.Text.RegularExpressions;
using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.Proxy;

/// <summary>
/// The W3C trace context a backend receives: a new trace for a caller without one, the caller's trace (id,
/// sampling flag, tracestate, baggage) continued under the gateway's own span otherwise; the same trace id in a
/// refusal's problem details.
/// </summary>
public sealed partial class TraceContextTests(ProxyFixture proxy) : IClassFixture<ProxyFixture>
{
    private const string CallerTraceId = "0af7651916cd43dd8448eb211c80319c";
    private const string CallerSpanId = "b7ad6b7169203331";

    [Fact]
    public async Task CallerWithoutTrace_BackendGetsANewTraceparent()
    {
        var path = ProxyFixture.UniquePath("/anonymous");
        using var client = proxy.CreateClient();

        using var response = await client.GetAsync(path);

        response.EnsureSuccessStatusCode();
        var received = await proxy.SingleReceivedAtAsync(path);
        var traceparent = Traceparent().Match(IdentityHeadersTests.Header(received, "traceparent") ?? "");
        Assert.True(traceparent.Success, "a well-formed traceparent reaches the backend");
        Assert.Equal("00", traceparent.Groups["flags"].Value);
        Assert.Null(IdentityHeadersTests.Header(received, "tracestate"));
    }

    [Theory]
    [InlineData("01")]
    [InlineData("00")]
    public async Task CallerTrace_IsContinuedUnderTheGatewaysSpan(string flags)
    {
        var path = ProxyFixture.UniquePath("/required");
        using var client = proxy.CreateClient();
        using var request = proxy.Member.Request(HttpMethod.Get, path);
        request.Headers.Add("traceparent", $"00-{CallerTraceId}-{CallerSpanId}-{flags}");
        request.Headers.Add("tracestate", "congo=t61rcWkgMzE");
        request.Headers.Add("baggage", "tenant=blue");

        using var response = await client.SendAsync(request);

        response.EnsureSuccessStatusCode();
        var received = await proxy.SingleReceivedAtAsync(path);
        var traceparent = Traceparent().Match(IdentityHeadersTests.Header(received, "traceparent") ?? "");
        Assert.True(traceparent.Success, "exactly one well-formed traceparent reaches the backend");
        Assert.Equal(CallerTraceId, traceparent.Groups["trace"].Value);
        Assert.NotEqual(CallerSpanId, traceparent.Groups["span"].Value);
        Assert.Equal(flags, traceparent.Groups["flags"].Value);
        Assert.Equal("congo=t61rcWkgMzE", IdentityHeadersTests.Header(received, "tracestate"));
        Assert.Equal("tenant=blue", IdentityHeadersTests.Header(received, "baggage")?.Replace(" ", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Refusal_CarriesTheCallersTraceId()
    {
        using var client = proxy.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, ProxyFixture.UniquePath("/required"));
        request.Headers.Add("traceparent", $"00-{CallerTraceId}-{CallerSpanId}-01");

        using var response = await client.SendAsync(request);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "AUTH_REQUIRED");
        Assert.Equal(CallerTraceId, Traceparent().Match(problem.GetProperty("traceId").GetString()!).Groups["trace"].Value);
    }

    [GeneratedRegex("^00-(?<trace>[0-9a-f]{32})-(?<span>[0-9a-f]{16})-(?<flags>[0-9a-f]{2})$")]
    private static partial Regex Traceparent();
}
