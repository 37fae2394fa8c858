using System.Net;
using System.Text.Json;
using Trachea.AuthEndpoints.Access;
using Trachea.AuthEndpoints.Storage;
using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.Users;

public sealed class ProfileTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private readonly GatewayApplication _app = gateway.App;

    [Fact]
    public async Task GetMe_WithToken_ReturnsProfileForTokensApp()
    {
        var pair = await _app.RegisterAsync(TestUsers.UniqueName());
        using var client = _app.CreateClient(pair.AccessToken);

        var profile = await client.GetFromJsonAsync<JsonElement>("/users/me");

        Assert.Equal(pair.UserId, profile.GetProperty("id").GetString());
        Assert.Equal(TestApps.Demo, profile.GetProperty("app_id").GetString());
    }

    [Fact]
    public async Task GetMe_WithoutToken_Returns401AuthRequired()
    {
        using var client = _app.CreateClient();
        using var response = await client.GetAsync("/users/me");
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "AUTH_REQUIRED");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task PatchMe_AllFields_UpdatesAndNormalisesEmail()
    {
        var pair = await _app.RegisterAsync(TestUsers.UniqueName());
        using var client = _app.CreateClient(pair.AccessToken);
        var email = $"{TestUsers.UniqueName()}@Example.COM";

        using var response = await client.PatchAsJsonAsync("/users/me", new
        {
            name = "Grace",
            avatar = "https://example.com/a.png",
            phone = "+44 20 7946 0000",
            date_of_birth = "1990-12-09",
            address = new { street = "1 Main St", city = "Springfield", state = "IL", country = "US", zip = "62701" },
            email = $"  {email} ",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var profile = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Grace", profile.GetProperty("name").GetString());
        Assert.Equal(email.ToLowerInvariant(), profile.GetProperty("email").GetString());
        Assert.Equal("1990-12-09", profile.GetProperty("date_of_birth").GetString());
        Assert.Equal("Springfield", profile.GetProperty("address").GetProperty("city").GetString());
        var again = await client.GetFromJsonAsync<JsonElement>("/users/me");
        Assert.Equal("Grace", again.GetProperty("name").GetString());
    }

    [Fact]
    public async Task PatchMe_EmailOfAnotherUser_Returns409EmailTakenAndChangesNothing()
    {
        var email = $"{TestUsers.UniqueName()}@example.com";
        var first = await _app.RegisterAsync(TestUsers.UniqueName());
        using (var firstClient = _app.CreateClient(first.AccessToken))
        {
            using var set = await firstClient.PatchAsJsonAsync("/users/me", new { email });
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }

        var second = await _app.RegisterAsync(TestUsers.UniqueName());
        using var client = _app.CreateClient(second.AccessToken);
        using var response = await client.PatchAsJsonAsync("/users/me", new { email = email.ToUpperInvariant(), name = "Changed" });

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "EMAIL_TAKEN");
        var stored = await _app.Service<IUserStore>().FindByIdAsync(second.UserId, CancellationToken.None);
        Assert.Null(stored!.Email);
        Assert.Null(stored.Name);
    }

    [Theory]
    [InlineData("two@@example.com")]
    [InlineData("no-at-sign")]
    [InlineData("a b@example.com")]
    [InlineData("a@example.com\r\nBcc: x@example.com")]
    [InlineData("a@b.com,c@d.com")]
    public async Task PatchMe_BadEmail_Returns422(string email)
    {
        var pair = await _app.RegisterAsync(TestUsers.UniqueName());
        using var client = _app.CreateClient(pair.AccessToken);

        using var response = await client.PatchAsJsonAsync("/users/me", new { email });

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
        Assert.True(problem.GetProperty("errors").TryGetProperty("email", out _));
    }

    [Fact]
    public async Task PatchMe_EmailOver254Chars_Returns422()
    {
        var pair = await _app.RegisterAsync(TestUsers.UniqueName());
        using var client = _app.CreateClient(pair.AccessToken);

        using var response = await client.PatchAsJsonAsync("/users/me", new { email = new string('a', 250) + "@b.co" });

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
    }

    [Theory]
    [InlineData("""{"role":"admin"}""")]
    [InlineData("""{"plan":"enterprise"}""")]
    [InlineData("""{"id":"000000000000000000000000"}""")]
    [InlineData("""{"app_id":"other"}""")]
    [InlineData("""{"name":{"$set":"x"}}""")]
    [InlineData("""{"$set":{"role":"admin"}}""")]
    [InlineData("""{"address":{"street":"x","role":"admin"}}""")]
    public async Task PatchMe_FieldOutsideContract_Returns422AndWritesNothing(string body)
    {
        var pair = await _app.RegisterAsync(TestUsers.UniqueName());
        using var client = _app.CreateClient(pair.AccessToken);

        using var response = await client.PatchAsync("/users/me", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
        var stored = await _app.Service<IUserStore>().FindByIdAsync(pair.UserId, CancellationToken.None);
        Assert.Equal(("member", "free"), (stored!.Apps[0].Role, stored.Apps[0].Plan));
        Assert.Null(stored.Address);
        Assert.Null(stored.Name);
    }

    [Fact]
    public async Task PatchPlan_SelfServicePaidWithoutEmail_Returns422EmailRequired()
    {
        var pair = await _app.RegisterAsync(TestUsers.UniqueName(), TestApps.SelfServePro);
        using var client = _app.CreateClient(pair.AccessToken);

        using var response = await client.PatchAsJsonAsync("/users/me/plan", new { plan = "pro" });

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "EMAIL_REQUIRED_FOR_PAID");
    }

    [Fact]
    public async Task PatchPlan_SelfServicePaidWithEmail_ChangesPlanForTokensAppOnly()
    {
        var username = TestUsers.UniqueName();
        var pair = await _app.RegisterAsync(username, TestApps.SelfServePro);
        await _app.Service<IUserStore>().AddMembershipAsync(
            pair.UserId, new AppMembership(TestApps.Demo, Roles.Member, Plans.Free, DateTimeOffset.UtcNow), DateTimeOffset.UtcNow, CancellationToken.None);
        using var client = await WithEmailAsync(pair, username);

        using var response = await client.PatchAsJsonAsync("/users/me/plan", new { plan = "pro" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("pro", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("plan").GetString());
        var stored = await _app.Service<IUserStore>().FindByIdAsync(pair.UserId, CancellationToken.None);
        Assert.Equal((Plans.Pro, Plans.Free), (stored!.MembershipOf(TestApps.SelfServePro)!.Plan, stored.MembershipOf(TestApps.Demo)!.Plan));
    }

    [Theory]
    [InlineData(TestApps.Demo, "pro")]
    [InlineData(TestApps.Demo, "enterprise")]
    [InlineData(TestApps.SelfServePro, "enterprise")]
    public async Task PatchPlan_NotSelfService_Returns403AndKeepsThePlan(string appId, string plan)
    {
        var username = TestUsers.UniqueName();
        var pair = await _app.RegisterAsync(username, appId);
        using var client = await WithEmailAsync(pair, username);

        using var response = await client.PatchAsJsonAsync("/users/me/plan", new { plan });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "PLAN_NOT_SELF_SERVICE");
        var stored = await _app.Service<IUserStore>().FindByIdAsync(pair.UserId, CancellationToken.None);
        Assert.Equal(Plans.Free, stored!.MembershipOf(appId)!.Plan);
    }

    [Fact]
    public async Task PatchPlan_GrantedMemberChoosesFree_ReturnsToFree()
    {
        var pair = await _app.RegisterAsync(TestUsers.UniqueName());
        await _app.SetMembershipAsync(pair.UserId, TestApps.Demo, plan: Plans.Enterprise);
        using var client = _app.CreateClient(pair.AccessToken);

        using var response = await client.PatchAsJsonAsync("/users/me/plan", new { plan = "free" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await _app.Service<IUserStore>().FindByIdAsync(pair.UserId, CancellationToken.None);
        Assert.Equal(Plans.Free, stored!.MembershipOf(TestApps.Demo)!.Plan);
    }

    [Theory]
    [InlineData("""{"plan":"platinum"}""")]
    [InlineData("""{"plan":null}""")]
    [InlineData("""{}""")]
    [InlineData("""{"plan":1}""")]
    public async Task PatchPlan_BadPlan_Returns422(string body)
    {
        var pair = await _app.RegisterAsync(TestUsers.UniqueName());
        using var client = _app.CreateClient(pair.AccessToken);

        using var response = await client.PatchAsync("/users/me/plan", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task DeleteMe_DeactivatesAndRevokesRefreshTokens()
    {
        var username = TestUsers.UniqueName();
        var pair = await _app.RegisterAsync(username);
        using var client = _app.CreateClient(pair.AccessToken);

        using var response = await client.DeleteAsync("/users/me");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var stored = await _app.Service<IUserStore>().FindByIdAsync(pair.UserId, CancellationToken.None);
        Assert.False(stored!.IsActive);
        using var me = await client.GetAsync("/users/me");
        await me.AssertProblemAsync(HttpStatusCode.Unauthorized, "TOKEN_REVOKED");
        using var anonymous = _app.CreateClient();
        using var login = await anonymous.PostAsJsonAsync("/auth/login", new { username, password = TestUsers.Password });
        await login.AssertProblemAsync(HttpStatusCode.Forbidden, "USER_INACTIVE");
    }

    [Fact]
    public async Task Logout_RevokesEveryRefreshTokenOfTheUser()
    {
        var username = TestUsers.UniqueName();
        var first = await _app.RegisterAsync(username);
        using var anonymous = _app.CreateClient();
        using var login = await anonymous.PostAsJsonAsync("/auth/login", new { username, password = TestUsers.Password });
        var second = await TokenPair.ReadAsync(login);
        using var client = _app.CreateClient(second.AccessToken);

        using var response = await client.PostAsync("/auth/logout", null);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        foreach (var token in new[] { first.RefreshToken, second.RefreshToken })
        {
            using var refresh = await anonymous.PostAsJsonAsync("/auth/refresh", new { refresh_token = token });
            await refresh.AssertProblemAsync(HttpStatusCode.Unauthorized, "REFRESH_TOKEN_INVALID");
        }
    }

    [Fact]
    public async Task Logout_WithoutToken_Returns401AuthRequired()
    {
        using var client = _app.CreateClient();
        using var response = await client.PostAsync("/auth/logout", null);
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "AUTH_REQUIRED");
    }

    private async Task<HttpClient> WithEmailAsync(TokenPair pair, string username)
    {
        var client = _app.CreateClient(pair.AccessToken);
        using var set = await client.PatchAsJsonAsync("/users/me", new { email = $"{username}@example.com" });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        return client;
    }
}
