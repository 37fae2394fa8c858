using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.Operations;

public sealed class HealthTests
{
    [Fact]
    public async Task Healthz_Returns200WithoutCheckingDependencies()
    {
        using var app = new GatewayApplication();
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Empty(body.GetProperty("checks").EnumerateObject());
    }

    [Fact]
    public async Task Readyz_StoreReachable_Returns200WithEachCheck()
    {
        using var app = new GatewayApplication();
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var checks = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("store").GetString());
        Assert.Equal("Healthy", checks.GetProperty("configuration").GetString());
    }

    [Fact]
    public async Task StoreGoneAndBack_ReadinessFlipsAndRequestsGet503ThenRecoverWithoutRestart()
    {
        using var app = new GatewayApplication();
        using var client = app.CreateClient();
        var username = TestUsers.UniqueName();
        await app.RegisterAsync(username);
        var away = app.DataDir + "-away";

        // The store's directory disappears (a lost volume): pooled connections are closed first, as a
        // restart of the database would, so the next operation has to reach the file again.
        SqliteConnection.ClearAllPools();
        Directory.Move(app.DataDir, away);
        try
        {
            using var notReady = await client.GetAsync("/readyz");
            using var alive = await client.GetAsync("/healthz");
            using var login = await client.PostAsJsonAsync("/auth/login", new { username, password = TestUsers.Password });

            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
            var checks = (await notReady.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks");
            Assert.Equal("Unhealthy", checks.GetProperty("store").GetString());
            Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
            var problem = await login.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "STORE_UNAVAILABLE");
            Assert.DoesNotContain(app.DataDir, problem.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Move(away, app.DataDir);
        }

        using var ready = await client.GetAsync("/readyz");
        using var recovered = await client.PostAsJsonAsync("/auth/login", new { username, password = TestUsers.Password });

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    [InlineData("/metrics")]
    [InlineData("/openapi/v1.json")]
    public async Task OperationalEndpoint_AnswersAnonymously(string path)
    {
        using var app = new GatewayApplication();
        using var client = app.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
