using System.Net;
using System.Net.Http.Headers;
using Microsoft.IdentityModel.JsonWebTokens;
using Trachea.AuthEndpoints.Access;
using Trachea.AuthEndpoints.Revocation;
using Trachea.AuthEndpoints.Storage;
using Trachea.AuthEndpoints.Users;
using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.Proxy;

/// <summary>
/// Access ends on proxied routes as soon as the store says so, for tokens the gateway has validated (and cached)
/// before and for tokens it has never seen; a token issued after the revocation works.
/// </summary>
public sealed class RevocationTests(ProxyFixture proxy) : IClassFixture<ProxyFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    public static TheoryData<string> Revokers => ["logout", "delete account", "refresh-token reuse", "password change"];

    [Theory]
    [MemberData(nameof(Revokers))]
    public async Task Revoked_CachedAndUnseenTokens_Get401TokenRevokedAndTheBackendIsNotCalled(string revoker)
    {
        var username = TestUsers.UniqueName();
        var registered = await proxy.App.RegisterAsync(username);
        var unseen = await proxy.App.SignInAsync(registered.UserId);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(ProxyFixture.UniquePath("/required"), registered.AccessToken)).StatusCode);

        await RevokeAsync(revoker, registered);

        foreach (var token in new[] { registered.AccessToken, unseen.AccessToken })
        {
            var path = ProxyFixture.UniquePath("/required");
            using var response = await GetAsync(path, token);
            await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "TOKEN_REVOKED");
            Assert.Equal("Bearer error=\"invalid_token\", error_description=\"The token has been revoked.\"", response.Headers.WwwAuthenticate.ToString());
            Assert.Empty(proxy.ReceivedAt(path));
        }
    }

    [Fact]
    public async Task Logout_ThenSignInAgain_TheNewTokenPasses()
    {
        var registered = await proxy.App.RegisterAsync(TestUsers.UniqueName());
        await RevokeAsync("logout", registered);

        var again = await proxy.App.SignInAsync(registered.UserId);

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(ProxyFixture.UniquePath("/required"), again.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task Logout_UsersMe_Returns401TokenRevoked()
    {
        var registered = await proxy.App.RegisterAsync(TestUsers.UniqueName());
        await RevokeAsync("logout", registered);

        using var client = proxy.App.CreateClient(registered.AccessToken);
        using var me = await client.GetAsync("/users/me");

        await me.AssertProblemAsync(HttpStatusCode.Unauthorized, "TOKEN_REVOKED");
    }

    [Fact]
    public async Task RoleLowered_RevokesThatAppOnly_AnUpgradeRevokesNothing()
    {
        var registered = await proxy.App.RegisterAsync(TestUsers.UniqueName());
        var user = await proxy.App.Service<IUserStore>().AddMembershipAsync(
            registered.UserId, new AppMembership(TestApps.Other, Roles.Member, Plans.Free, DateTimeOffset.UtcNow), DateTimeOffset.UtcNow, None);
        var changes = proxy.App.Service<MembershipChangeService>();
        await changes.ChangeAsync(user!, TestApps.Demo, Roles.Admin, null, None);
        var demoAdmin = await proxy.App.SignInAsync(registered.UserId);
        var other = await proxy.App.SignInAsync(registered.UserId, TestApps.Other);
        var upgraded = await changes.ChangeAsync((await proxy.App.Service<IUserStore>().FindByIdAsync(registered.UserId, None))!, TestApps.Demo, null, Plans.Pro, None);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(ProxyFixture.UniquePath("/admin-only"), demoAdmin.AccessToken)).StatusCode);

        await changes.ChangeAsync(upgraded!, TestApps.Demo, Roles.Member, null, None);

        using var demo = await GetAsync(ProxyFixture.UniquePath("/admin-only"), demoAdmin.AccessToken);
        await demo.AssertProblemAsync(HttpStatusCode.Unauthorized, "TOKEN_REVOKED");
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(ProxyFixture.UniquePath("/other-app"), other.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task RevokedSession_EndsThatSessionOnly()
    {
        var registered = await proxy.App.RegisterAsync(TestUsers.UniqueName());
        var second = await proxy.App.SignInAsync(registered.UserId);
        var sid = new JsonWebToken(registered.AccessToken).GetPayloadValue<string>("sid");

        await proxy.App.Service<RevocationService>().RevokeSessionAsync(registered.UserId, TestApps.Demo, sid, "test", None);

        using var ended = await GetAsync(ProxyFixture.UniquePath("/required"), registered.AccessToken);
        await ended.AssertProblemAsync(HttpStatusCode.Unauthorized, "TOKEN_REVOKED");
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(ProxyFixture.UniquePath("/required"), second.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task RevocationWrittenByAnotherProcess_AppliesAtTheNextPoll()
    {
        var registered = await proxy.App.RegisterAsync(TestUsers.UniqueName());
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(ProxyFixture.UniquePath("/required"), registered.AccessToken)).StatusCode);

        // What the command line does from its own process: write to the store's feed, not to this instance's table.
        using (var elsewhere = new Trachea.AuthEndpoints.Storage.Sqlite.SqliteDatabase(proxy.App.DataDir))
        {
            await new Trachea.AuthEndpoints.Storage.Sqlite.SqliteRevocationStore(elsewhere).RevokeMembershipsAsync(registered.UserId, null, DateTimeOffset.UtcNow, None);
        }

        await proxy.App.Service<RevocationPoller>().PollOnceAsync(None);
        using var revoked = await GetAsync(ProxyFixture.UniquePath("/required"), registered.AccessToken);
        await revoked.AssertProblemAsync(HttpStatusCode.Unauthorized, "TOKEN_REVOKED");
    }

    private async Task RevokeAsync(string revoker, TokenPair tokens)
    {
        using var client = proxy.App.CreateClient(tokens.AccessToken);
        using var anonymous = proxy.App.CreateClient();
        HttpResponseMessage response = revoker switch
        {
            "logout" => await client.PostAsync("/auth/logout", null),
            "delete account" => await client.DeleteAsync("/users/me"),
            "password change" => await client.PostAsJsonAsync("/users/me/password", new { current_password = TestUsers.Password, new_password = TestUsers.Password + "-new" }),
            "refresh-token reuse" => await ReuseAsync(anonymous, tokens.RefreshToken),
            _ => throw new ArgumentOutOfRangeException(nameof(revoker)),
        };
        using (response)
        {
            Assert.True(response.IsSuccessStatusCode || revoker == "refresh-token reuse", $"{revoker}: {response.StatusCode}");
        }
    }

    private static async Task<HttpResponseMessage> ReuseAsync(HttpClient client, string refreshToken)
    {
        using (await client.PostAsJsonAsync("/auth/refresh", new { refresh_token = refreshToken }))
        {
        }

        var reuse = await client.PostAsJsonAsync("/auth/refresh", new { refresh_token = refreshToken });
        await reuse.AssertProblemAsync(HttpStatusCode.Unauthorized, "REFRESH_TOKEN_REUSE");
        return reuse;
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string token)
    {
        using var client = proxy.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }
}
