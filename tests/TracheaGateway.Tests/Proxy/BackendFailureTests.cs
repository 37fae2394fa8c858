using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Trachea.AuthEndpoints.Telemetry;
using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.Proxy;

/// <summary>A backend that is down, too slow or breaks the connection: problem details, no retry, the gateway stays up.</summary>
public sealed class BackendFailureTests(ProxyFixture proxy) : IClassFixture<ProxyFixture>
{
    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task BackendDown_Returns502BackendUnavailable(string method)
    {
        using var client = proxy.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), ProxyFixture.UniquePath("/down"));

        using var response = await client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.BadGateway, "BACKEND_UNAVAILABLE");
        await AssertGatewayStillServesAsync(client);
    }

    [Fact]
    public async Task BackendDown_IsRecordedWithTheStatusTheClientGot()
    {
        // Every in-process gateway records on a meter of the same name: the collector takes this gateway's alone,
        // the meters its own meter factory created.
        using var collector = new MetricCollector<double>(
            proxy.App.Service<IMeterFactory>(), TracheaMetrics.MeterName, "trachea.proxy.request.duration");
        using var client = proxy.CreateClient();

        using var response = await client.GetAsync(ProxyFixture.UniquePath("/down"));

        // The body is read to its end, so the step that records after writing it has run.
        await response.AssertProblemAsync(HttpStatusCode.BadGateway, "BACKEND_UNAVAILABLE");
        Assert.Contains(collector.GetMeasurementSnapshot(), measurement => measurement.ContainsTags(
            new KeyValuePair<string, object?>("route", "down"), new KeyValuePair<string, object?>("http.response.status_code", 502)));
    }

    [Fact]
    public async Task BackendSlowerThanActivityTimeout_Returns504BackendTimeout()
    {
        using var client = proxy.CreateClient();
        var watch = Stopwatch.StartNew();

        using var response = await client.GetAsync(ProxyFixture.UniquePath(ProxyFixture.SlowPrefix));

        watch.Stop();
        await response.AssertProblemAsync(HttpStatusCode.GatewayTimeout, "BACKEND_TIMEOUT");
        // The backend answers after 3 timeouts: a 504 means the gateway gave up first, and not before its timeout.
        Assert.True(watch.Elapsed >= TestRoutes.SlowClusterTimeout * 0.9, $"gave up after {watch.Elapsed}");
        await AssertGatewayStillServesAsync(client);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PostToBackendThatDropsTheConnection_Returns502AndIsSentOnce(bool withBody)
    {
        using var client = proxy.CreateClient();
        // A GET first, so the POST goes out on a kept-alive connection: the case where HTTP clients retry.
        var warmPath = ProxyFixture.UniquePath("/drop");
        using (var warm = await client.GetAsync(warmPath))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        var path = ProxyFixture.UniquePath("/drop");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = withBody ? JsonContent.Create(new { order = 42 }) : null };

        using var response = await client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.BadGateway, "BACKEND_UNAVAILABLE");
        var post = Assert.Single(proxy.DroppingBackend.Requests, request => request.Line == $"POST {path} HTTP/1.1");
        var warmConnection = Assert.Single(proxy.DroppingBackend.Requests, request => request.Line == $"GET {warmPath} HTTP/1.1").Connection;
        Assert.Equal(warmConnection, post.Connection);
        await AssertGatewayStillServesAsync(client);
    }

    [Fact]
    public async Task BackendErrorWithoutBody_ReachesTheClientAsSent()
    {
        using var client = proxy.CreateClient();

        using var response = await client.GetAsync(ProxyFixture.UniquePath(DroppingBackend.BodilessPrefix));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentType);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task ProxiedRequestsAndFailures_LogNeitherPathNorQuery()
    {
        var secret = Guid.NewGuid().ToString("N");
        using var client = proxy.CreateClient();

        using var served = await client.GetAsync($"/anonymous/{secret}?access_token={secret}");
        using var failed = await client.GetAsync($"/down/{secret}?access_token={secret}");

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
        Assert.Contains(proxy.App.Logs.Entries, e => e.EventId == 3006 && e.Message.Contains("'down'", StringComparison.Ordinal));
        Assert.DoesNotContain(proxy.App.Logs.Entries, e => e.Message.Contains(secret, StringComparison.Ordinal));
    }

    private async Task AssertGatewayStillServesAsync(HttpClient client)
    {
        var path = ProxyFixture.UniquePath("/anonymous");
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await proxy.SingleReceivedAtAsync(path);
    }
}
