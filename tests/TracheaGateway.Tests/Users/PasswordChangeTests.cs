using System.Net;
using Trachea.AuthEndpoints.Access;
using Trachea.AuthEndpoints.Storage;
using Trachea.AuthEndpoints.Users;
using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.Users;

public sealed class PasswordChangeTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private const string NewPassword = "a-new-password-42";
    private readonly GatewayApplication _app = gateway.App;

    [Fact]
    public async Task ChangePassword_Right_Returns200FreshTokensAndEndsEveryOtherSession()
    {
        var username = TestUsers.UniqueName();
        var pair = await _app.RegisterAsync(username);
        var otherSession = await _app.SignInAsync(pair.UserId);
        using var client = _app.CreateClient(pair.AccessToken);

        using var response = await client.PostAsJsonAsync("/users/me/password", new { current_password = TestUsers.Password, new_password = NewPassword });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var fresh = await TokenPair.ReadAsync(response);
        using var withFresh = _app.CreateClient(fresh.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await withFresh.GetAsync("/users/me")).StatusCode);
        using var withOld = _app.CreateClient(otherSession.AccessToken);
        await (await withOld.GetAsync("/users/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "TOKEN_REVOKED");
        using var anonymous = _app.CreateClient();
        await (await anonymous.PostAsJsonAsync("/auth/refresh", new { refresh_token = otherSession.RefreshToken }))
            .AssertProblemAsync(HttpStatusCode.Unauthorized, "REFRESH_TOKEN_INVALID");
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/auth/refresh", new { refresh_token = fresh.RefreshToken })).StatusCode);
        await (await anonymous.PostAsJsonAsync("/auth/login", new { username, password = TestUsers.Password }))
            .AssertProblemAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/auth/login", new { username, password = NewPassword })).StatusCode);
    }

    [Fact]
    public async Task ChangePassword_WrongCurrent_Returns401InvalidCredentialsAndChangesNothing()
    {
        var username = TestUsers.UniqueName();
        var pair = await _app.RegisterAsync(username);
        using var client = _app.CreateClient(pair.AccessToken);

        using var response = await client.PostAsJsonAsync("/users/me/password", new { current_password = "not-the-password", new_password = NewPassword });

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/users/me")).StatusCode);
        using var anonymous = _app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/auth/login", new { username, password = TestUsers.Password })).StatusCode);
    }

    [Theory]
    [InlineData("{\"current_password\":\"x\"}", "new_password")]
    [InlineData("{\"new_password\":\"a-new-password-42\"}", "current_password")]
    [InlineData("{\"current_password\":\"x\",\"new_password\":\"short\"}", "new_password")]
    [InlineData("{\"current_password\":\"x\",\"new_password\":\"a-new-password-42\",\"role\":\"admin\"}", "role")]
    public async Task ChangePassword_BadBody_Returns422NamingTheField(string body, string field)
    {
        var pair = await _app.RegisterAsync(TestUsers.UniqueName());
        using var client = _app.CreateClient(pair.AccessToken);

        using var response = await client.PostAsync("/users/me/password", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task ChangePassword_AccountWithoutPassword_Returns422()
    {
        var now = DateTimeOffset.UtcNow;
        var user = new User
        {
            Id = UserIds.New(now),
            FirebaseUid = $"firebase-{Guid.NewGuid():N}",
            Provider = AuthMethods.Google,
            Apps = [new AppMembership(TestApps.Demo, Roles.Member, Plans.Free, now)],
            CreatedAt = now,
            UpdatedAt = now,
        };
        await _app.Service<IUserStore>().InsertAsync(user, CancellationToken.None);
        var pair = await _app.SignInAsync(user.Id);
        using var client = _app.CreateClient(pair.AccessToken);

        using var response = await client.PostAsJsonAsync("/users/me/password", new { current_password = "anything", new_password = NewPassword });

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
        Assert.True(problem.GetProperty("errors").TryGetProperty("current_password", out _));
    }

    [Fact]
    public async Task ChangePassword_NoToken_Returns401()
    {
        using var client = _app.CreateClient();

        using var response = await client.PostAsJsonAsync("/users/me/password", new { current_password = "x", new_password = NewPassword });

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "AUTH_REQUIRED");
    }
}
