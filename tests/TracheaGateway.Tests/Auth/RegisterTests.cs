using System.Net;
using System.Text.Json;
using Trachea.AuthEndpoints.Storage;
using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.Auth;

public sealed class RegisterTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private readonly GatewayApplication _app = gateway.App;

    [Fact]
    public async Task Register_ValidBody_Returns201WithTokensAndMemberFreeProfile()
    {
        using var client = _app.CreateClient();
        var username = TestUsers.UniqueName("Reg");
        using var response = await client.PostAsJsonAsync("/auth/register", new { username, password = TestUsers.Password, name = "Ada" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(900, body.GetProperty("expires_in").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("access_token").GetString()));
        Assert.Equal(43, body.GetProperty("refresh_token").GetString()!.Length);
        var user = body.GetProperty("user");
        Assert.Equal(username.ToLowerInvariant(), user.GetProperty("username").GetString());
        Assert.Equal("Ada", user.GetProperty("name").GetString());
        Assert.Equal("username", user.GetProperty("provider").GetString());
        Assert.Equal(TestApps.Demo, user.GetProperty("app_id").GetString());
        Assert.Equal("member", user.GetProperty("role").GetString());
        Assert.Equal("free", user.GetProperty("plan").GetString());
        Assert.Matches("^[0-9a-f]{24}$", user.GetProperty("id").GetString());
        foreach (var field in new[] { "email", "avatar", "phone", "date_of_birth", "address", "created_at" })
        {
            Assert.True(user.TryGetProperty(field, out _), $"profile has {field}");
        }
    }

    [Fact]
    public async Task Register_StoresBcryptHashNotPassword()
    {
        var pair = await _app.RegisterAsync(TestUsers.UniqueName());

        var stored = await _app.Service<IUserStore>().FindByIdAsync(pair.UserId, CancellationToken.None);

        Assert.StartsWith("$2", stored!.PasswordHash, StringComparison.Ordinal);
        Assert.True(BCrypt.Net.BCrypt.Verify(TestUsers.Password, stored.PasswordHash));
    }

    [Fact]
    public async Task Register_UsernameDifferingOnlyInCase_Returns409UsernameTaken()
    {
        var username = TestUsers.UniqueName("case");
        await _app.RegisterAsync(username);
        using var client = _app.CreateClient();

        using var response = await client.PostAsJsonAsync("/auth/register", new { username = username.ToUpperInvariant(), password = TestUsers.Password });

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "USERNAME_TAKEN");
    }

    [Fact]
    public async Task Register_UnknownApp_Returns404AppNotFound()
    {
        using var client = _app.CreateClient();
        using var response = await client.PostAsJsonAsync("/auth/register", new { username = TestUsers.UniqueName(), password = TestUsers.Password, app_id = "nope" });
        await response.AssertProblemAsync(HttpStatusCode.NotFound, "APP_NOT_FOUND");
    }

    [Fact]
    public async Task Register_DisabledApp_Returns403AppInactive()
    {
        using var client = _app.CreateClient();
        using var response = await client.PostAsJsonAsync("/auth/register", new { username = TestUsers.UniqueName(), password = TestUsers.Password, app_id = TestApps.Disabled });
        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "APP_INACTIVE");
    }

    [Fact]
    public async Task Register_AppWithoutUsernameMethod_Returns403AuthMethodNotAllowed()
    {
        using var client = _app.CreateClient();
        using var response = await client.PostAsJsonAsync("/auth/register", new { username = TestUsers.UniqueName(), password = TestUsers.Password, app_id = TestApps.GoogleOnly });
        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "AUTH_METHOD_NOT_ALLOWED");
    }

    [Theory]
    [InlineData("ab", "username")]
    [InlineData("has space", "username")]
    [InlineData("émile", "username")]
    [InlineData("a-name-that-is-longer-than-32-chars", "username")]
    public async Task Register_BadUsername_Returns422NamingTheField(string username, string field)
    {
        using var client = _app.CreateClient();
        using var response = await client.PostAsJsonAsync("/auth/register", new { username, password = TestUsers.Password });
        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Theory]
    [InlineData("short")]
    [InlineData("with\u0000nul-character")]
    public async Task Register_BadPassword_Returns422(string password)
    {
        using var client = _app.CreateClient();
        using var response = await client.PostAsJsonAsync("/auth/register", new { username = TestUsers.UniqueName(), password });
        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
        Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _));
    }

    [Fact]
    public async Task Register_PasswordOver72Bytes_Returns422NeverTruncates()
    {
        // 37 two-byte characters: 74 bytes, only 37 characters.
        var password = new string('é', 37);
        var username = TestUsers.UniqueName();
        using var client = _app.CreateClient();

        using var response = await client.PostAsJsonAsync("/auth/register", new { username, password });

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
        Assert.Null(await _app.Service<IUserStore>().FindByUsernameAsync(username, CancellationToken.None));
    }
}
