using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Trachea.AuthEndpoints.Errors;
using Trachea.AuthEndpoints.Storage;
using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.Operations;

public sealed class RevocationReadinessTests
{
    [Fact]
    public async Task Readyz_RevocationFeedUnreadable_Returns503NamingTheCheck_AndKeepsServing()
    {
        using var app = new GatewayApplication();
        using var unreadable = app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IRevocationStore, UnreadableFeed>()));
        using var client = unreadable.CreateClient();

        using var ready = await client.GetAsync("/readyz");
        using var register = await client.PostAsJsonAsync("/auth/register", new { username = TestUsers.UniqueName(), password = TestUsers.Password });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var checks = (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks");
        Assert.Equal("Unhealthy", checks.GetProperty("revocations").GetString());
        Assert.Equal("Healthy", checks.GetProperty("store").GetString());
        Assert.Equal(HttpStatusCode.Created, register.StatusCode);
    }

    [Fact]
    public async Task Readyz_FeedRead_ReportsRevocationsHealthy()
    {
        using var app = new GatewayApplication();
        using var client = app.CreateClient();

        var checks = (await client.GetFromJsonAsync<JsonElement>("/readyz")).GetProperty("checks");

        Assert.Equal("Healthy", checks.GetProperty("revocations").GetString());
    }

    private sealed class UnreadableFeed : IRevocationStore
    {
        public Task<IReadOnlyList<RevocationEntry>> RevokeMembershipsAsync(string userId, string? appId, DateTimeOffset now, CancellationToken cancellationToken) =>
            throw Outage();

        public Task<RevocationEntry> RevokeSessionAsync(string userId, string appId, string sid, DateTimeOffset now, CancellationToken cancellationToken) =>
            throw Outage();

        public Task<IReadOnlyList<RevocationEntry>> ReadAsync(long afterSeq, DateTimeOffset createdFrom, int limit, CancellationToken cancellationToken) =>
            throw Outage();

        public Task<long> DeleteBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => throw Outage();

        private static TracheaException Outage() => new(ErrorCodes.StoreUnavailable, "planted outage");
    }
}
