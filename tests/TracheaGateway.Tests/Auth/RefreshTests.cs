using System.Net;
using Trachea.AuthEndpoints.Storage;
using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.Auth;

public sealed class RefreshTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private readonly GatewayApplication _app = gateway.App;

    [Fact]
    public async Task Refresh_FreshToken_RotatesAndReturnsNewPair()
    {
        var pair = await _app.RegisterAsync(TestUsers.UniqueName());

        using var response = await RefreshAsync(pair.RefreshToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var next = await TokenPair.ReadAsync(response);
        Assert.Equal(pair.UserId, next.UserId);
        Assert.NotEqual(pair.RefreshToken, next.RefreshToken);
        using var again = await RefreshAsync(next.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Refresh_UsedTokenComesBack_Returns401ReuseAndRevokesEveryToken()
    {
        var pair = await _app.RegisterAsync(TestUsers.UniqueName());
        using var first = await RefreshAsync(pair.RefreshToken);
        var rotated = await TokenPair.ReadAsync(first);

        using var reuse = await RefreshAsync(pair.RefreshToken);
        await reuse.AssertProblemAsync(HttpStatusCode.Unauthorized, "REFRESH_TOKEN_REUSE");

        using var afterReuse = await RefreshAsync(rotated.RefreshToken);
        await afterReuse.AssertProblemAsync(HttpStatusCode.Unauthorized, "REFRESH_TOKEN_INVALID");
    }

    [Fact]
    public async Task Refresh_UnknownToken_Returns401Invalid()
    {
        using var response = await RefreshAsync("bm90LWEtcmVhbC10b2tlbi1qdXN0LXNvbWUtYnl0ZXM");
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "REFRESH_TOKEN_INVALID");
    }

    [Fact]
    public async Task Refresh_TwentyConcurrentWithOneToken_ExactlyOneSucceeds()
    {
        var pair = await _app.RegisterAsync(TestUsers.UniqueName());

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => RefreshAsync(pair.RefreshToken)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(19, responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Refresh_AfterDeactivation_Returns401AndIssuesNothing()
    {
        var pair = await _app.RegisterAsync(TestUsers.UniqueName());
        using (var client = _app.CreateClient(pair.AccessToken))
        {
            using var deleted = await client.DeleteAsync("/users/me");
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using var response = await RefreshAsync(pair.RefreshToken);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "REFRESH_TOKEN_INVALID");
    }

    [Fact]
    public async Task Refresh_UserDeactivatedInStoreOnly_Returns403UserInactive()
    {
        var pair = await _app.RegisterAsync(TestUsers.UniqueName());
        await _app.Service<IUserStore>().DeactivateAsync(pair.UserId, DateTimeOffset.UtcNow, CancellationToken.None);

        using var response = await RefreshAsync(pair.RefreshToken);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "USER_INACTIVE");
    }

    [Fact]
    public async Task Refresh_RoleChanged_NewTokenCarriesNewRole()
    {
        var pair = await _app.RegisterAsync(TestUsers.UniqueName());
        await _app.SetMembershipAsync(pair.UserId, TestApps.Demo, role: "admin");

        using var response = await RefreshAsync(pair.RefreshToken);

        var next = await TokenPair.ReadAsync(response);
        Assert.Equal("admin", next.Body.GetProperty("user").GetProperty("role").GetString());
        Assert.Equal("admin", JwtPayload.Read(next.AccessToken).GetProperty("role").GetString());
    }

    [Fact]
    public async Task Refresh_TokenOfOtherApp_MintsOnlyForThatApp()
    {
        var username = TestUsers.UniqueName();
        await _app.RegisterAsync(username);
        using var client = _app.CreateClient();
        using var login = await client.PostAsJsonAsync("/auth/login", new { username, password = TestUsers.Password, app_id = TestApps.Other });
        var other = await TokenPair.ReadAsync(login);

        using var response = await RefreshAsync(other.RefreshToken);

        var next = await TokenPair.ReadAsync(response);
        Assert.Equal(TestApps.Other, JwtPayload.Read(next.AccessToken).GetProperty("aud").GetString());
    }

    [Fact]
    public async Task Refresh_WithAppIdField_Returns422()
    {
        var pair = await _app.RegisterAsync(TestUsers.UniqueName());
        using var client = _app.CreateClient();

        using var response = await client.PostAsJsonAsync("/auth/refresh", new { refresh_token = pair.RefreshToken, app_id = TestApps.Other });

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
    }

    private async Task<HttpResponseMessage> RefreshAsync(string refreshToken)
    {
        using var client = _app.CreateClient();
        return await client.PostAsJsonAsync("/auth/refresh", new { refresh_token = refreshToken });
    }
}
