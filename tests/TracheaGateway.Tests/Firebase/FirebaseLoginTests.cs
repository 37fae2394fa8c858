using System.Net;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Trachea.AuthEndpoints.Storage;
using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.Firebase;

/// <summary>POST /auth/login with a Firebase ID token, through the whole gateway, keys served by WireMock.</summary>
public sealed class FirebaseLoginTests : IDisposable
{
    private const string ProjectId = "trachea-login-test";

    private readonly FirebaseKeyServer _keys = new();
    private readonly FirebaseTestKey _key = new("login-key");
    private readonly GatewayApplication _app;

    public FirebaseLoginTests()
    {
        _keys.Publish([_key]);
        _app = new GatewayApplication(new Dictionary<string, string?>
        {
            ["Trachea:FirebaseProjectId"] = ProjectId,
            ["Trachea:FirebaseKeysUrl"] = _keys.KeysUrl,
        });
    }

    [Theory]
    [InlineData("google.com", "google")]
    [InlineData("facebook.com", "facebook")]
    [InlineData("apple.com", "apple")]
    [InlineData("password", "password")]
    public async Task Login_ValidTokenForProvider_CreatesUserFromToken(string provider, string method)
    {
        var uid = TestUsers.UniqueName("uid");

        using var response = await LoginAsync(Token(uid, provider, $"{uid}@Example.com"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var user = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("user");
        Assert.Equal(method, user.GetProperty("provider").GetString());
        Assert.Equal($"{uid}@example.com", user.GetProperty("email").GetString());
        Assert.Equal("Firebase User", user.GetProperty("name").GetString());
        Assert.Equal("https://example.test/avatar.png", user.GetProperty("avatar").GetString());
        var stored = await _app.Service<IUserStore>().FindByFirebaseUidAsync(uid, CancellationToken.None);
        Assert.Equal(user.GetProperty("id").GetString(), stored!.Id);
    }

    [Fact]
    public async Task Login_SameUserIntoTwoApps_OneDocumentWithTwoApps()
    {
        var uid = TestUsers.UniqueName("uid");
        var token = Token(uid, "google.com", $"{uid}@example.com");

        using var first = await LoginAsync(token);
        using var second = await LoginAsync(token, TestApps.Other);
        using var again = await LoginAsync(token);

        var ids = new List<string?>();
        foreach (var response in new[] { first, second, again })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("user").GetProperty("id").GetString());
        }

        Assert.Single(ids.Distinct());
        var stored = await _app.Service<IUserStore>().FindByFirebaseUidAsync(uid, CancellationToken.None);
        Assert.Equal([TestApps.Demo, TestApps.Other], stored!.Apps.Select(a => a.AppId).Order());
    }

    [Fact]
    public async Task Login_EmailHeldByAnotherUser_Returns409EmailTakenNeverMerges()
    {
        var email = $"{TestUsers.UniqueName()}@example.com";
        var existing = await _app.RegisterAsync(TestUsers.UniqueName());
        using (var client = _app.CreateClient(existing.AccessToken))
        {
            using var set = await client.PatchAsJsonAsync("/users/me", new { email });
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }

        var uid = TestUsers.UniqueName("uid");
        using var response = await LoginAsync(Token(uid, "google.com", email));

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "EMAIL_TAKEN");
        Assert.Null(await _app.Service<IUserStore>().FindByFirebaseUidAsync(uid, CancellationToken.None));
    }

    [Fact]
    public async Task Login_ProviderNotAllowedByApp_Returns403()
    {
        using var response = await LoginAsync(Token(TestUsers.UniqueName("uid"), "facebook.com", null), TestApps.GoogleOnly);
        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "AUTH_METHOD_NOT_ALLOWED");
    }

    [Fact]
    public async Task Login_TokenForAnotherProject_Returns401InvalidFirebaseToken()
    {
        using var response = await LoginAsync(Token(TestUsers.UniqueName("uid"), "google.com", null, audience: "someone-elses-project"));
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "INVALID_FIREBASE_TOKEN");
    }

    [Fact]
    public async Task Login_KeysEndpointDown_Returns503AndUsernameLoginStillWorks()
    {
        var username = TestUsers.UniqueName();
        await _app.RegisterAsync(username);
        _keys.Stop();

        using var firebase = await LoginAsync(Token(TestUsers.UniqueName("uid"), "google.com", null));
        using var client = _app.CreateClient();
        using var password = await client.PostAsJsonAsync("/auth/login", new { username, password = TestUsers.Password });

        await firebase.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "IDENTITY_PROVIDER_UNAVAILABLE");
        Assert.Equal(HttpStatusCode.OK, password.StatusCode);
    }

    [Fact]
    public async Task Login_FirebaseNotConfigured_Returns403AuthMethodNotAllowed()
    {
        using var app = new GatewayApplication();
        using var client = app.CreateClient();

        using var response = await client.PostAsJsonAsync("/auth/login", new { firebase_token = Token("uid-x", "google.com", null) });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "AUTH_METHOD_NOT_ALLOWED");
    }

    public void Dispose()
    {
        _app.Dispose();
        _keys.Dispose();
    }

    private async Task<HttpResponseMessage> LoginAsync(string token, string? appId = null)
    {
        using var client = _app.CreateClient();
        return await client.PostAsJsonAsync("/auth/login", new { firebase_token = token, app_id = appId });
    }

    private string Token(string uid, string provider, string? email, string audience = ProjectId)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = new Dictionary<string, object>
        {
            ["iss"] = $"https://securetoken.google.com/{ProjectId}",
            ["aud"] = audience,
            ["sub"] = uid,
            ["user_id"] = uid,
            ["auth_time"] = now - 60,
            ["iat"] = now - 30,
            ["exp"] = now + 3600,
            ["name"] = "Firebase User",
            ["picture"] = "https://example.test/avatar.png",
            ["firebase"] = new Dictionary<string, object> { ["sign_in_provider"] = provider },
        };
        if (email is not null)
        {
            claims["email"] = email;
            claims["email_verified"] = true;
        }

        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(JsonSerializer.Serialize(claims), new SigningCredentials(_key.PrivateKey, SecurityAlgorithms.RsaSha256));
    }
}
