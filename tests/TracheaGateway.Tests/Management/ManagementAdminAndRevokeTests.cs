using System.Net;
using System.Text.Json;
using Trachea.AuthEndpoints.Access;
using Trachea.AuthEndpoints.Revocation;
using Trachea.AuthEndpoints.Storage;
using Trachea.Tests.Infrastructure;
using Trachea.Tests.Operations;
using static Trachea.Tests.Management.ManagementApiTests;

namespace Trachea.Tests.Management;

/// <summary>The management API for an app's admins (bearer) and the revoke endpoint.</summary>
public sealed class ManagementAdminAndRevokeTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private readonly GatewayApplication _app = gateway.App;

    [Fact]
    public async Task AdminBearerOfTheApp_ListsAndChangesMembers_AuditNamesTheAdmin()
    {
        using var app = new OperationsGateway();
        var (appId, _) = await AddAppAsync(app);
        var admin = await MemberAsync(app, appId, Roles.Admin);
        var member = await app.RegisterAsync(TestUsers.UniqueName(), appId);
        using var client = app.CreateClient(admin.AccessToken);

        var page = await client.GetFromJsonAsync<JsonElement>($"/apps/{appId}/users");
        using var change = await client.PatchAsJsonAsync($"/apps/{appId}/users/{member.UserId}", new { role = "guest" });

        Assert.Contains(page.GetProperty("users").EnumerateArray(), u => u.GetProperty("id").GetString() == member.UserId);
        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        var audit = Assert.Single(app.Logs.Entries, e => e.EventId == 2201);
        Assert.Equal(admin.UserId, audit.Values["Actor"]);
    }

    [Fact]
    public async Task MemberBearer_Returns403AndChangesNothing()
    {
        var (appId, _) = await AddAppAsync(_app);
        var member = await _app.RegisterAsync(TestUsers.UniqueName(), appId);
        using var client = _app.CreateClient(member.AccessToken);

        using var change = await client.PatchAsJsonAsync($"/apps/{appId}/users/{member.UserId}", new { role = "admin" });

        await change.AssertProblemAsync(HttpStatusCode.Forbidden, "INSUFFICIENT_ROLE");
        Assert.Equal(Roles.Member, (await _app.Service<IUserStore>().FindByIdAsync(member.UserId, CancellationToken.None))!.MembershipOf(appId)!.Role);
    }

    [Fact]
    public async Task AdminOfAnotherApp_Returns401InvalidClient()
    {
        var (appId, _) = await AddAppAsync(_app);
        var (otherAppId, _) = await AddAppAsync(_app);
        var otherAdmin = await MemberAsync(_app, otherAppId, Roles.Admin);
        var member = await _app.RegisterAsync(TestUsers.UniqueName(), appId);
        using var client = _app.CreateClient(otherAdmin.AccessToken);

        using var get = await client.GetAsync($"/apps/{appId}/users/{member.UserId}");

        await get.AssertProblemAsync(HttpStatusCode.Unauthorized, "INVALID_CLIENT");
    }

    [Fact]
    public async Task RevokedAdminBearer_Returns401TokenRevoked()
    {
        var (appId, _) = await AddAppAsync(_app);
        var admin = await MemberAsync(_app, appId, Roles.Admin);
        await _app.Service<RevocationService>().RevokeMembershipsAsync(admin.UserId, appId, "test", CancellationToken.None);
        using var client = _app.CreateClient(admin.AccessToken);

        using var list = await client.GetAsync($"/apps/{appId}/users");

        await list.AssertProblemAsync(HttpStatusCode.Unauthorized, "TOKEN_REVOKED");
    }

    [Fact]
    public async Task Revoke_EndsTheMembersTokensForThatAppOnly()
    {
        var (appId, secret) = await AddAppAsync(_app);
        var pair = await _app.RegisterAsync(TestUsers.UniqueName(), appId);
        await _app.Service<IUserStore>().AddMembershipAsync(
            pair.UserId, new AppMembership(TestApps.Demo, Roles.Member, Plans.Free, DateTimeOffset.UtcNow), DateTimeOffset.UtcNow, CancellationToken.None);
        var demo = await _app.SignInAsync(pair.UserId, TestApps.Demo);
        using var client = Client(_app, appId, secret);

        using var revoke = await client.PostAsync($"/apps/{appId}/users/{pair.UserId}/revoke", null);

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        using var member = _app.CreateClient(pair.AccessToken);
        await (await member.GetAsync("/users/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "TOKEN_REVOKED");
        using var anonymous = _app.CreateClient();
        await (await anonymous.PostAsJsonAsync("/auth/refresh", new { refresh_token = pair.RefreshToken }))
            .AssertProblemAsync(HttpStatusCode.Unauthorized, "REFRESH_TOKEN_INVALID");
        using var demoClient = _app.CreateClient(demo.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await demoClient.GetAsync("/users/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/auth/refresh", new { refresh_token = demo.RefreshToken })).StatusCode);
    }

    [Fact]
    public async Task Revoke_UserOfAnotherApp_Returns404()
    {
        var (appId, secret) = await AddAppAsync(_app);
        var stranger = await _app.RegisterAsync(TestUsers.UniqueName(), TestApps.Demo);
        using var client = Client(_app, appId, secret);

        using var revoke = await client.PostAsync($"/apps/{appId}/users/{stranger.UserId}/revoke", null);

        await revoke.AssertProblemAsync(HttpStatusCode.NotFound, "USER_NOT_FOUND");
    }

    [Fact]
    public async Task Block_RefusesTheMemberInThatAppOnly_UnblockLetsThemBackIn()
    {
        var (appId, secret) = await AddAppAsync(_app);
        var username = TestUsers.UniqueName();
        var pair = await _app.RegisterAsync(username, appId);
        var other = await _app.RegisterAsync(TestUsers.UniqueName(), appId);
        using var client = Client(_app, appId, secret);
        using var anonymous = _app.CreateClient();

        using var block = await client.PatchAsJsonAsync($"/apps/{appId}/users/{pair.UserId}", new { blocked = true });

        Assert.Equal(HttpStatusCode.OK, block.StatusCode);
        Assert.True((await block.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("blocked").GetBoolean());
        using var member = _app.CreateClient(pair.AccessToken);
        await (await member.GetAsync("/users/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "TOKEN_REVOKED");
        await (await anonymous.PostAsJsonAsync("/auth/login", new { username, password = TestUsers.Password, app_id = appId }))
            .AssertProblemAsync(HttpStatusCode.Forbidden, "USER_INACTIVE");
        await (await anonymous.PostAsJsonAsync("/auth/refresh", new { refresh_token = pair.RefreshToken }))
            .AssertProblemAsync(HttpStatusCode.Unauthorized, "REFRESH_TOKEN_INVALID");
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/auth/login", new { username, password = TestUsers.Password, app_id = TestApps.Demo })).StatusCode);
        using var otherMember = _app.CreateClient(other.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await otherMember.GetAsync("/users/me")).StatusCode);

        using var unblock = await client.PatchAsJsonAsync($"/apps/{appId}/users/{pair.UserId}", new { blocked = false });

        Assert.False((await unblock.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("blocked").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/auth/login", new { username, password = TestUsers.Password, app_id = appId })).StatusCode);
    }

    [Fact]
    public async Task Block_RefreshTokenIssuedInAnotherWay_IsRefusedWithUserInactive()
    {
        var (appId, secret) = await AddAppAsync(_app);
        var pair = await _app.RegisterAsync(TestUsers.UniqueName(), appId);
        using var client = Client(_app, appId, secret);
        using (var block = await client.PatchAsJsonAsync($"/apps/{appId}/users/{pair.UserId}", new { blocked = true }))
        {
            Assert.Equal(HttpStatusCode.OK, block.StatusCode);
        }

        // Tokens started after the block (as a stray session would be) still cannot be refreshed.
        var late = await _app.SignInAsync(pair.UserId, appId);
        using var anonymous = _app.CreateClient();

        await (await anonymous.PostAsJsonAsync("/auth/refresh", new { refresh_token = late.RefreshToken }))
            .AssertProblemAsync(HttpStatusCode.Forbidden, "USER_INACTIVE");
    }

    private static async Task<TokenPair> MemberAsync(GatewayApplication app, string appId, string role)
    {
        var registered = await app.RegisterAsync(TestUsers.UniqueName(), appId);
        await app.SetMembershipAsync(registered.UserId, appId, role);
        return await app.SignInAsync(registered.UserId, appId);
    }
}
