using System.Net;
using System.Text.Json;
using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.Storage;

public sealed class RestartTests
{
    [Fact]
    public async Task Gateway_RestartedOnSameDataDir_KeepsUsersAndRefreshTokens()
    {
        var dataDir = TestDirectories.Create();
        var username = TestUsers.UniqueName();
        TokenPair pair;
        using (var first = new GatewayApplication(dataDir: dataDir, keepDataDir: true))
        {
            pair = await first.RegisterAsync(username);
        }

        using var second = new GatewayApplication(dataDir: dataDir);
        using var client = second.CreateClient();
        using var login = await client.PostAsJsonAsync("/auth/login", new { username, password = TestUsers.Password });
        using var refresh = await client.PostAsJsonAsync("/auth/refresh", new { refresh_token = pair.RefreshToken });
        using var authed = second.CreateClient(pair.AccessToken);
        var profile = await authed.GetFromJsonAsync<JsonElement>("/users/me");

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        Assert.Equal(pair.UserId, profile.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Gateway_RestartedAfterALogout_KeepsTheRevocationInForce()
    {
        var dataDir = TestDirectories.Create();
        TokenPair pair;
        using (var first = new GatewayApplication(dataDir: dataDir, keepDataDir: true))
        {
            pair = await first.RegisterAsync(TestUsers.UniqueName());
            using var client = first.CreateClient(pair.AccessToken);
            using var logout = await client.PostAsync("/auth/logout", null);
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        using var second = new GatewayApplication(dataDir: dataDir);
        using var authed = second.CreateClient(pair.AccessToken);
        using var me = await authed.GetAsync("/users/me");

        await me.AssertProblemAsync(HttpStatusCode.Unauthorized, "TOKEN_REVOKED");
    }
}
