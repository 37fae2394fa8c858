using System.Net;
using System.Text;
using System.Text.Json;
using Trachea.AuthEndpoints.Access;
using Trachea.AuthEndpoints.Apps;
using Trachea.AuthEndpoints.Storage;
using Trachea.Tests.Infrastructure;
using Trachea.Tests.Operations;

namespace Trachea.Tests.Management;

/// <summary>/apps/{app_id}/users with the app's own Basic credentials.</summary>
public sealed class ManagementApiTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private readonly GatewayApplication _app = gateway.App;

    [Fact]
    public async Task Get_MemberOfTheApp_ReturnsItsProfileInThatApp()
    {
        var (appId, secret) = await AddAppAsync(_app);
        var pair = await _app.RegisterAsync(TestUsers.UniqueName(), appId);
        using var client = Client(_app, appId, secret);

        using var response = await client.GetAsync($"/apps/{appId}/users/{pair.UserId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var profile = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((pair.UserId, appId, "member", "free"), (
            profile.GetProperty("id").GetString(), profile.GetProperty("app_id").GetString(),
            profile.GetProperty("role").GetString(), profile.GetProperty("plan").GetString()));
    }

    [Fact]
    public async Task List_PagesThroughTheAppsMembersOnly()
    {
        var (appId, secret) = await AddAppAsync(_app);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await _app.RegisterAsync(TestUsers.UniqueName(), appId)).UserId);
        }

        await _app.RegisterAsync(TestUsers.UniqueName(), TestApps.Demo);
        using var client = Client(_app, appId, secret);

        var first = await client.GetFromJsonAsync<JsonElement>($"/apps/{appId}/users?limit=2");
        var cursor = first.GetProperty("next_cursor").GetString();
        var second = await client.GetFromJsonAsync<JsonElement>($"/apps/{appId}/users?limit=2&cursor={cursor}");
        var all = await client.GetFromJsonAsync<JsonElement>($"/apps/{appId}/users");

        Assert.Equal(ids.Order(StringComparer.Ordinal).Take(2), Ids(first));
        Assert.Equal(ids.Order(StringComparer.Ordinal).Skip(2), Ids(second));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next_cursor").ValueKind);
        Assert.Equal(ids.Order(StringComparer.Ordinal), Ids(all));
        Assert.All(all.GetProperty("users").EnumerateArray(), u => Assert.Equal(appId, u.GetProperty("app_id").GetString()));
    }

    [Fact]
    public async Task List_Query_MatchesTheStartOfTheUsername()
    {
        var (appId, secret) = await AddAppAsync(_app);
        var username = TestUsers.UniqueName();
        var wanted = await _app.RegisterAsync(username, appId);
        await _app.RegisterAsync(TestUsers.UniqueName(), appId);
        using var client = Client(_app, appId, secret);

        var found = await client.GetFromJsonAsync<JsonElement>($"/apps/{appId}/users?query={Uri.EscapeDataString(username.ToUpperInvariant())}");

        Assert.Equal([wanted.UserId], Ids(found));
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=201")]
    [InlineData("limit=ten")]
    [InlineData("cursor=not-a-user-id")]
    public async Task List_BadLimitOrCursor_Returns422(string parameters)
    {
        var (appId, secret) = await AddAppAsync(_app);
        using var client = Client(_app, appId, secret);

        using var response = await client.GetAsync($"/apps/{appId}/users?{parameters}");

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task List_AnotherAppsCredentials_Returns401()
    {
        var (appId, _) = await AddAppAsync(_app);
        var (otherAppId, otherSecret) = await AddAppAsync(_app);
        using var client = Client(_app, otherAppId, otherSecret);

        using var response = await client.GetAsync($"/apps/{appId}/users");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "INVALID_CLIENT");
    }

    [Fact]
    public async Task Get_UserOfAnotherAppOrUnknown_Returns404()
    {
        var (appId, secret) = await AddAppAsync(_app);
        var outsider = await _app.RegisterAsync(TestUsers.UniqueName(), TestApps.Demo);
        using var client = Client(_app, appId, secret);

        using var other = await client.GetAsync($"/apps/{appId}/users/{outsider.UserId}");
        using var unknown = await client.GetAsync($"/apps/{appId}/users/000000000000000000000000");

        await other.AssertProblemAsync(HttpStatusCode.NotFound, "USER_NOT_FOUND");
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "USER_NOT_FOUND");
    }

    [Fact]
    public async Task BadCredentials_Return401InvalidClientWithBasicChallenge()
    {
        var (appId, secret) = await AddAppAsync(_app);
        var (otherAppId, otherSecret) = await AddAppAsync(_app);
        var pair = await _app.RegisterAsync(TestUsers.UniqueName(), appId);
        var path = $"/apps/{appId}/users/{pair.UserId}";
        string?[] headers =
        [
            null,
            Basic(appId, secret + "x"),
            Basic(otherAppId, otherSecret),
            Basic(appId, ""),
            "Basic not-base64!",
            "Bearer not-a-token",
        ];

        foreach (var header in headers)
        {
            using var client = _app.CreateClient();
            if (header is not null)
            {
                client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", header);
            }

            using var response = await client.GetAsync(path);

            await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "INVALID_CLIENT");
            Assert.Equal("Basic realm=\"trachea\"", response.Headers.WwwAuthenticate.ToString());
        }
    }

    [Fact]
    public async Task Patch_GrantsRoleAndPaidPlan()
    {
        var (appId, secret) = await AddAppAsync(_app);
        var username = TestUsers.UniqueName();
        var pair = await _app.RegisterAsync(username, appId);
        await WithEmailAsync(pair, username);
        using var client = Client(_app, appId, secret);

        using var response = await client.PatchAsJsonAsync($"/apps/{appId}/users/{pair.UserId}", new { role = "admin", plan = "enterprise" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("enterprise", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("plan").GetString());
        var stored = await _app.Service<IUserStore>().FindByIdAsync(pair.UserId, CancellationToken.None);
        Assert.Equal((Roles.Admin, Plans.Enterprise), (stored!.MembershipOf(appId)!.Role, stored.MembershipOf(appId)!.Plan));
    }

    [Fact]
    public async Task Patch_LoweringChange_RevokesTheMembersTokensAtOnce()
    {
        var (appId, secret) = await AddAppAsync(_app);
        var pair = await _app.RegisterAsync(TestUsers.UniqueName(), appId);
        using var member = _app.CreateClient(pair.AccessToken);
        using var client = Client(_app, appId, secret);

        using var response = await client.PatchAsJsonAsync($"/apps/{appId}/users/{pair.UserId}", new { role = "guest" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var me = await member.GetAsync("/users/me");
        await me.AssertProblemAsync(HttpStatusCode.Unauthorized, "TOKEN_REVOKED");
    }

    [Theory]
    [InlineData("""{"plan":"pro"}""", HttpStatusCode.UnprocessableEntity, "EMAIL_REQUIRED_FOR_PAID")]
    [InlineData("""{"role":"owner"}""", HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR")]
    [InlineData("""{"plan":"platinum"}""", HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR")]
    [InlineData("""{}""", HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR")]
    [InlineData("""{"role":"admin","app_id":"demo"}""", HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR")]
    public async Task Patch_BadChange_RefusedAndWritesNothing(string body, HttpStatusCode status, string code)
    {
        var (appId, secret) = await AddAppAsync(_app);
        var pair = await _app.RegisterAsync(TestUsers.UniqueName(), appId);
        using var client = Client(_app, appId, secret);

        using var response = await client.PatchAsync($"/apps/{appId}/users/{pair.UserId}", new StringContent(body, Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(status, code);
        var stored = await _app.Service<IUserStore>().FindByIdAsync(pair.UserId, CancellationToken.None);
        Assert.Equal((Roles.Member, Plans.Free), (stored!.MembershipOf(appId)!.Role, stored.MembershipOf(appId)!.Plan));
    }

    [Fact]
    public async Task Patch_LogsAnAuditEventNamingTheAppAndNoSecret()
    {
        using var app = new OperationsGateway();
        var (appId, secret) = await AddAppAsync(app);
        var pair = await app.RegisterAsync(TestUsers.UniqueName(), appId);
        using var client = Client(app, appId, secret);

        using (var response = await client.PatchAsJsonAsync($"/apps/{appId}/users/{pair.UserId}", new { role = "admin" }))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var audit = Assert.Single(app.Logs.Entries, e => e.EventId == 2201);
        Assert.Equal(($"app:{appId}", pair.UserId, "admin"), (audit.Values["Actor"], audit.Values["UserId"], audit.Values["Role"]));
        Assert.DoesNotContain(app.Logs.Entries, e => e.AllText.Contains(secret, StringComparison.Ordinal));
    }

    internal static async Task<(string AppId, string Secret)> AddAppAsync(GatewayApplication app)
    {
        var appId = "mgmt-" + Guid.NewGuid().ToString("N")[..12];
        var (secret, hash) = AppSecrets.Create();
        await app.Service<IAppStore>().InsertAsync(
            new AppRegistration
            {
                AppId = appId,
                Name = appId,
                SecretHash = hash,
                AllowedAuthMethods = AuthMethods.All,
                CreatedAt = DateTimeOffset.UtcNow,
            },
            CancellationToken.None);
        return (appId, secret);
    }

    internal static HttpClient Client(GatewayApplication app, string appId, string secret)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", Basic(appId, secret));
        return client;
    }

    private static IEnumerable<string?> Ids(JsonElement page) => page.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("id").GetString());

    private static string Basic(string appId, string secret) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{appId}:{secret}"));

    private async Task WithEmailAsync(TokenPair pair, string username)
    {
        using var client = _app.CreateClient(pair.AccessToken);
        using var set = await client.PatchAsJsonAsync("/users/me", new { email = $"{username}@example.com" });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
    }
}
