using System.Net;
using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.Storage;

/// <summary>MongoDB configured but unreachable (nothing listens on loopback port 1): the gateway still starts.</summary>
public sealed class MongoUnavailableTests : IDisposable
{
    private readonly GatewayApplication _app = new(new Dictionary<string, string?>
    {
        ["Trachea:MongoUri"] = "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=300&connectTimeoutMS=300",
    });

    [Fact]
    public async Task Register_StoreUnreachable_Returns503StoreUnavailableQuickly()
    {
        using var client = _app.CreateClient();
        var started = DateTime.UtcNow;

        using var response = await client.PostAsJsonAsync("/auth/register", new { username = TestUsers.UniqueName(), password = TestUsers.Password });

        var problem = await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "STORE_UNAVAILABLE");
        Assert.DoesNotContain("127.0.0.1", problem.ToString(), StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10), "bounded by the server-selection timeout, not a hang");
    }

    [Fact]
    public async Task Login_StoreUnreachable_Returns503StoreUnavailable()
    {
        using var client = _app.CreateClient();

        using var response = await client.PostAsJsonAsync("/auth/login", new { username = "someone", password = TestUsers.Password });

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "STORE_UNAVAILABLE");
    }

    [Fact]
    public async Task Readyz_StoreUnreachableSinceStart_Returns503WhileHealthzIsAlive()
    {
        using var client = _app.CreateClient();

        using var ready = await client.GetAsync("/readyz");
        using var alive = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    public void Dispose() => _app.Dispose();
}
