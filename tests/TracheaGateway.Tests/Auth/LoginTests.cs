using System.Net;
using Trachea.AuthEndpoints.Storage;
using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.Auth;

public sealed class LoginTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private readonly GatewayApplication _app = gateway.App;

    [Fact]
    public async Task Login_RightPassword_Returns200WithTokens()
    {
        var username = TestUsers.UniqueName();
        var registered = await _app.RegisterAsync(username);
        using var client = _app.CreateClient();

        using var response = await client.PostAsJsonAsync("/auth/login", new { username = username.ToUpperInvariant(), password = TestUsers.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pair = await TokenPair.ReadAsync(response);
        Assert.Equal(registered.UserId, pair.UserId);
        Assert.NotEqual(registered.RefreshToken, pair.RefreshToken);
    }

    [Fact]
    public async Task Login_WrongPassword_Returns401InvalidCredentials()
    {
        var username = TestUsers.UniqueName();
        await _app.RegisterAsync(username);
        using var client = _app.CreateClient();

        using var response = await client.PostAsJsonAsync("/auth/login", new { username, password = "not the password" });

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
    }

    [Fact]
    public async Task Login_UnknownUser_GetsSameAnswerAsWrongPassword()
    {
        using var client = _app.CreateClient();

        using var response = await client.PostAsJsonAsync("/auth/login", new { username = "nobody-here", password = "not the password" });

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        Assert.Equal("Invalid username or password", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Login_DeactivatedUser_Returns403UserInactive()
    {
        var username = TestUsers.UniqueName();
        var pair = await _app.RegisterAsync(username);
        await _app.Service<IUserStore>().DeactivateAsync(pair.UserId, DateTimeOffset.UtcNow, CancellationToken.None);
        using var client = _app.CreateClient();

        using var response = await client.PostAsJsonAsync("/auth/login", new { username, password = TestUsers.Password });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "USER_INACTIVE");
    }

    [Fact]
    public async Task Login_IntoAnotherApp_AddsMembershipToSameUser()
    {
        var username = TestUsers.UniqueName();
        var first = await _app.RegisterAsync(username);
        using var client = _app.CreateClient();

        using var response = await client.PostAsJsonAsync("/auth/login", new { username, password = TestUsers.Password, app_id = TestApps.Other });

        var second = await TokenPair.ReadAsync(response);
        Assert.Equal(first.UserId, second.UserId);
        Assert.Equal(TestApps.Other, second.Body.GetProperty("user").GetProperty("app_id").GetString());
        var stored = await _app.Service<IUserStore>().FindByIdAsync(first.UserId, CancellationToken.None);
        Assert.Equal([TestApps.Demo, TestApps.Other], stored!.Apps.Select(a => a.AppId).Order());
        Assert.All(stored.Apps, a => Assert.Equal(("member", "free"), (a.Role, a.Plan)));
    }

    [Theory]
    [InlineData(TestApps.Disabled, HttpStatusCode.Forbidden, "APP_INACTIVE")]
    [InlineData("missing-app", HttpStatusCode.NotFound, "APP_NOT_FOUND")]
    [InlineData(TestApps.GoogleOnly, HttpStatusCode.Forbidden, "AUTH_METHOD_NOT_ALLOWED")]
    public async Task Login_AppRules_AreEnforced(string appId, HttpStatusCode status, string code)
    {
        var username = TestUsers.UniqueName();
        await _app.RegisterAsync(username);
        using var client = _app.CreateClient();

        using var response = await client.PostAsJsonAsync("/auth/login", new { username, password = TestUsers.Password, app_id = appId });

        await response.AssertProblemAsync(status, code);
    }

    [Fact]
    public async Task Login_FirebaseTokenAndPasswordTogether_Returns422()
    {
        using var client = _app.CreateClient();
        using var response = await client.PostAsJsonAsync("/auth/login", new { firebase_token = "x", username = "someone", password = TestUsers.Password });
        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Login_PasswordOver72Bytes_Returns422BeforeHashing()
    {
        using var client = _app.CreateClient();
        using var response = await client.PostAsJsonAsync("/auth/login", new { username = "someone", password = new string('a', 73) });
        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
    }
}
