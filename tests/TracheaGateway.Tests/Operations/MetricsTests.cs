using System.Net;
using Trachea.AuthEndpoints.Telemetry;
using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.Operations;

public sealed class MetricsTests
{
    [Fact]
    public async Task Metrics_AfterFailedLoginsAndReuse_ExposeCountersForPrometheus()
    {
        using var app = new GatewayApplication();
        using var client = app.CreateClient();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var _ = await client.PostAsJsonAsync("/auth/login", new { username = "nobody-at-all", password = "not the password" });
        }

        var pair = await app.RegisterAsync(TestUsers.UniqueName());
        using (await client.PostAsJsonAsync("/auth/refresh", new { refresh_token = pair.RefreshToken }))
        using (await client.PostAsJsonAsync("/auth/refresh", new { refresh_token = pair.RefreshToken }))
        {
        }

        app.Service<Trachea.Gateway.Proxy.ProxyMetrics>().RecordProxied("shop-api", 200, TimeSpan.FromMilliseconds(12));

        using var response = await client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Matches("""trachea_auth_failures_total\{[^}]*code="INVALID_CREDENTIALS"[^}]*\} [1-9]""", text);
        Assert.Matches("""trachea_auth_failures_total\{[^}]*code="REFRESH_TOKEN_REUSE"[^}]*\} [1-9]""", text);
        Assert.Matches("""trachea_refresh_token_reuses_total\{[^}]*\} [1-9]""", text);
        Assert.Matches("""trachea_proxy_request_duration_seconds_count\{[^}]*route="shop-api"[^}]*\} [1-9]""", text);
        Assert.Matches("""http_server_request_duration_seconds_count\{(?=[^}]*http_response_status_code="401")(?=[^}]*http_route="/auth/login")[^}]*\} [1-9]""", text);
        Assert.DoesNotContain("http_server_active_requests", text, StringComparison.Ordinal);
        Assert.DoesNotContain("aspnetcore_memory_pool_", text, StringComparison.Ordinal);
        Assert.DoesNotContain("aspnetcore_routing_", text, StringComparison.Ordinal);
    }
}
