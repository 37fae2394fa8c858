using System.Net;
using System.Text.Json;
using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.Operations;

public sealed class OpenApiTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private readonly GatewayApplication _app = gateway.App;

    /// <summary>The route table of docs/http-api.md.</summary>
    public static TheoryData<string, string> DesignRoutes => new()
    {
        { "post", "/auth/register" },
        { "post", "/auth/login" },
        { "post", "/auth/refresh" },
        { "post", "/auth/logout" },
        { "get", "/users/me" },
        { "patch", "/users/me" },
        { "delete", "/users/me" },
        { "patch", "/users/me/plan" },
        { "post", "/users/me/password" },
        { "get", "/apps/{app_id}/users" },
        { "get", "/apps/{app_id}/users/{user_id}" },
        { "patch", "/apps/{app_id}/users/{user_id}" },
        { "post", "/apps/{app_id}/users/{user_id}/revoke" },
        { "post", "/auth/session" },
    };

    [Theory]
    [MemberData(nameof(DesignRoutes))]
    public async Task Document_ListsEveryDesignRouteWithItsMethod(string method, string path)
    {
        var document = await ReadDocumentAsync();

        Assert.True(document.GetProperty("paths").TryGetProperty(path, out var item), $"{path} is documented");
        Assert.True(item.TryGetProperty(method, out var operation), $"{method} {path} is documented");
        Assert.True(operation.GetProperty("responses").EnumerateObject().Any(r => r.Name.StartsWith('2')), "a success answer is documented");
    }

    [Fact]
    public async Task Document_HasOnlyTheDesignPaths()
    {
        var document = await ReadDocumentAsync();

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(DesignRoutes.Select(row => (string)row[1]).Distinct().Order(), paths.Order());
    }

    [Theory]
    [InlineData("post", "/auth/register", "username", "app_id")]
    [InlineData("post", "/auth/login", "firebase_token", "app_id")]
    [InlineData("post", "/auth/refresh", "refresh_token", "refresh_token")]
    [InlineData("patch", "/users/me", "date_of_birth", "address")]
    [InlineData("patch", "/users/me/plan", "plan", "plan")]
    [InlineData("patch", "/apps/{app_id}/users/{user_id}", "role", "plan")]
    public async Task Document_DeclaresJsonRequestBodyInSnakeCase(string method, string path, string property, string otherProperty)
    {
        var operation = await ReadOperationAsync(method, path);

        var schema = operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.True(schema.GetProperty("properties").TryGetProperty(property, out _), $"{property} in {schema}");
        Assert.True(schema.GetProperty("properties").TryGetProperty(otherProperty, out _), $"{otherProperty} in {schema}");
    }

    [Fact]
    public async Task Document_TokenResponseUsesSnakeCase()
    {
        var schemas = (await ReadDocumentAsync()).GetProperty("components").GetProperty("schemas");

        var properties = schemas.GetProperty("TokenResponse").GetProperty("properties");
        Assert.Equal(["access_token", "expires_in", "refresh_token", "token_type", "user"], properties.EnumerateObject().Select(p => p.Name).Order());
        Assert.True(schemas.GetProperty("UserProfile").GetProperty("properties").TryGetProperty("created_at", out _));
    }

    [Theory]
    [InlineData("post", "/auth/register", "409", "USERNAME_TAKEN")]
    [InlineData("post", "/auth/register", "429", "RATE_LIMITED")]
    [InlineData("post", "/auth/register", "413", "PAYLOAD_TOO_LARGE")]
    [InlineData("post", "/auth/login", "401", "INVALID_CREDENTIALS")]
    [InlineData("post", "/auth/login", "401", "INVALID_FIREBASE_TOKEN")]
    [InlineData("post", "/auth/login", "503", "IDENTITY_PROVIDER_UNAVAILABLE")]
    [InlineData("post", "/auth/refresh", "401", "REFRESH_TOKEN_REUSE")]
    [InlineData("post", "/auth/logout", "401", "AUTH_REQUIRED")]
    [InlineData("get", "/users/me", "401", "TOKEN_EXPIRED")]
    [InlineData("patch", "/users/me", "409", "EMAIL_TAKEN")]
    [InlineData("delete", "/users/me", "503", "STORE_UNAVAILABLE")]
    [InlineData("patch", "/users/me/plan", "422", "EMAIL_REQUIRED_FOR_PAID")]
    [InlineData("patch", "/users/me/plan", "403", "PLAN_NOT_SELF_SERVICE")]
    [InlineData("get", "/apps/{app_id}/users/{user_id}", "401", "INVALID_CLIENT")]
    [InlineData("get", "/apps/{app_id}/users/{user_id}", "404", "USER_NOT_FOUND")]
    [InlineData("patch", "/apps/{app_id}/users/{user_id}", "422", "EMAIL_REQUIRED_FOR_PAID")]
    public async Task Document_NamesErrorCodesOfEachResponse(string method, string path, string status, string code)
    {
        var responses = (await ReadOperationAsync(method, path)).GetProperty("responses");

        Assert.True(responses.TryGetProperty(status, out var response), $"{status} documented for {method} {path}");
        Assert.Contains(code, response.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.True(response.GetProperty("content").TryGetProperty("application/problem+json", out _));
    }

    [Fact]
    public async Task Document_ProtectedOperationsNeedBearer()
    {
        var paths = (await ReadDocumentAsync()).GetProperty("paths");

        Assert.True(paths.GetProperty("/users/me").GetProperty("get").TryGetProperty("security", out _));
        Assert.True(paths.GetProperty("/auth/logout").GetProperty("post").TryGetProperty("security", out _));
        Assert.False(paths.GetProperty("/auth/login").GetProperty("post").TryGetProperty("security", out _));
    }

    [Fact]
    public async Task ScalarPage_IsNotServedOutsideDevelopment()
    {
        using var client = _app.CreateClient();

        using var response = await client.GetAsync("/scalar/v1");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<JsonElement> ReadOperationAsync(string method, string path) =>
        (await ReadDocumentAsync()).GetProperty("paths").GetProperty(path).GetProperty(method);

    private async Task<JsonElement> ReadDocumentAsync()
    {
        using var client = _app.CreateClient();
        return await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
    }
}
