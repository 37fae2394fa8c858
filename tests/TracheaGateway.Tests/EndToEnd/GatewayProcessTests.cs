using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Trachea.Tests.Infrastructure;
using Trachea.Tests.Proxy;

namespace Trachea.Tests.EndToEnd;

/// <summary>
/// The real gateway process (Trachea.Gateway.dll, Production environment, settings from TRACHEA_* variables) on
/// 127.0.0.1 in front of the real sample echo backend process, both killed at the end.
/// </summary>
public sealed class GatewayProcessTests : IAsyncLifetime, IDisposable
{
    private readonly string _directory = TestDirectories.Create();
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly List<ChildProcess> _processes = [];

    [Fact]
    public async Task RealGateway_RegisteredUserReachesProtectedRouteWithIdentityHeaders()
    {
        var echo = $"http://127.0.0.1:{ChildProcess.FreePort()}";
        var gatewayPort = ChildProcess.FreePort();
        var echoProcess = Start("EchoBackend.dll", new() { ["ASPNETCORE_URLS"] = echo, ["JwksUrl"] = $"http://127.0.0.1:{gatewayPort}/.well-known/jwks.json" });
        await echoProcess.WaitUntilAnsweringAsync(_client, new Uri($"{echo}/"));
        var gateway = await StartGatewayAsync(RoutesFor(echo), gatewayPort);

        using var register = await _client.PostAsJsonAsync($"{gateway}/auth/register", new { username = "ada", password = TestUsers.Password });
        Assert.Equal(HttpStatusCode.Created, register.StatusCode);
        var tokens = await TokenPair.ReadAsync(register);

        using var anonymous = await _client.GetAsync($"{gateway}/api/orders");
        await anonymous.AssertProblemAsync(HttpStatusCode.Unauthorized, "AUTH_REQUIRED");

        using var request = new HttpRequestMessage(HttpMethod.Get, $"{gateway}/api/orders?page=2");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        request.Headers.TryAddWithoutValidation("X_User_Role", "admin");
        request.Headers.TryAddWithoutValidation("X.User.Id", "someone-else");
        using var member = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, member.StatusCode);
        var echoed = await member.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("/api/orders", echoed.GetProperty("path").GetString());
        Assert.Equal("?page=2", echoed.GetProperty("query").GetString());
        var headers = echoed.GetProperty("headers").EnumerateObject().ToDictionary(h => h.Name, h => h.Value.GetString(), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(tokens.UserId, headers["X-User-Id"]);
        Assert.Equal("ada", headers["X-User-Username"]);
        Assert.Equal("member", headers["X-User-Role"]);
        Assert.Equal("free", headers["X-User-Plan"]);
        Assert.Equal(TestApps.Demo, headers["X-App-Id"]);
        Assert.Equal("username", headers["X-Auth-Provider"]);
        Assert.False(headers.ContainsKey("Authorization"));
        Assert.False(headers.ContainsKey("X_User_Role"));
        Assert.False(headers.ContainsKey("X.User.Id"));
        var assertion = echoed.GetProperty("assertion");
        Assert.True(assertion.GetProperty("verified").GetBoolean(), assertion.ToString());
        Assert.Equal(tokens.UserId, assertion.GetProperty("claims").GetProperty("sub").GetString());
        Assert.Equal("app", assertion.GetProperty("claims").GetProperty("aud").GetString());

        using var forged = new HttpRequestMessage(HttpMethod.Get, $"{echo}/direct");
        forged.Headers.TryAddWithoutValidation("X-Trachea-Jwt-Assertion", headers["X-Trachea-Jwt-Assertion"]![..^4] + "AAAA");
        using var direct = await _client.SendAsync(forged);
        var refused = (await direct.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("assertion");
        Assert.False(refused.GetProperty("verified").GetBoolean());
        Assert.False(string.IsNullOrEmpty(refused.GetProperty("error").GetString()));

        var connection = await RawHttp.SendAsync(new Uri(gateway), "GET", "/api/orders", ("Authorization", $"Bearer {tokens.AccessToken}"), ("Connection", "X-User-Id, X-User-Role"));
        Assert.Equal(200, connection.Status);
        Assert.Contains($"\"X-User-Id\":\"{tokens.UserId}\"", connection.Body, StringComparison.Ordinal);

        using var adminRequest = new HttpRequestMessage(HttpMethod.Get, $"{gateway}/api/admin/users");
        adminRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        using var admin = await _client.SendAsync(adminRequest);
        await admin.AssertProblemAsync(HttpStatusCode.Forbidden, "INSUFFICIENT_ROLE");

        var dodge = await RawHttp.SendAsync(new Uri(gateway), "GET", "/api/public/%2e%2e/admin/users", ("Authorization", $"Bearer {tokens.AccessToken}"));
        Assert.Equal(403, dodge.Status);
    }

    [Fact]
    public async Task RealGateway_BackendDown_Returns502AndKeepsServing()
    {
        var gateway = await StartGatewayAsync(RoutesFor($"http://127.0.0.1:{ChildProcess.FreePort()}"));

        using var response = await _client.GetAsync($"{gateway}/api/public/x");

        await response.AssertProblemAsync(HttpStatusCode.BadGateway, "BACKEND_UNAVAILABLE");
        using var again = await _client.GetAsync($"{gateway}/api/orders");
        await again.AssertProblemAsync(HttpStatusCode.Unauthorized, "AUTH_REQUIRED");
    }

    [Theory]
    [InlineData("invalid metadata", "trachea: Route 'admin': Metadata MinRole 'boss' is not valid (allowed: guest, member, admin).")]
    [InlineData("misspelled key", "trachea: Route 'admin': Metadata key 'MinRoles' is not known; did you mean 'MinRole'? (Keys for other components start with 'x-'.)")]
    [InlineData("invalid JSON", "could not be read:")]
    [InlineData("missing file", "does not exist.")]
    [InlineData("destination is the gateway", "trachea: Cluster 'app': destination 'main' (http://localhost:{port}/) is the gateway's own address http://127.0.0.1:{port}; every request to it would come back to the gateway.")]
    public async Task RealGateway_BadRoutesFile_ExitsWithOneClearLine(string problem, string expected)
    {
        var port = ChildProcess.FreePort();
        var routes = problem switch
        {
            "invalid metadata" => RoutesFor("http://127.0.0.1:1").Replace("\"admin\"}", "\"boss\"}", StringComparison.Ordinal),
            "misspelled key" => RoutesFor("http://127.0.0.1:1").Replace("{ \"MinRole\":", "{ \"MinRoles\":", StringComparison.Ordinal),
            "invalid JSON" => "{ \"ReverseProxy\": ",
            "destination is the gateway" => RoutesFor($"http://localhost:{port}/"),
            _ => null,
        };

        var process = Start("Trachea.Gateway.dll", GatewayEnvironment(routes, port));
        var exitCode = await process.WaitForExitAsync();

        Assert.Equal(1, exitCode);
        Assert.Contains(expected.Replace("{port}", $"{port}", StringComparison.Ordinal), process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", process.Output, StringComparison.Ordinal);
    }

    public async Task InitializeAsync() => await TestApps.SeedAsync(Path.Combine(_directory, "data"));

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        SqliteCleanup.ReleaseAndDelete(_directory);
    }

    public void Dispose() => _client.Dispose();

    private static string RoutesFor(string backend) => $$"""
        {
          "ReverseProxy": {
            "Routes": {
              "public": { "ClusterId": "app", "Order": 1, "Match": { "Path": "/api/public/{**rest}" }, "Metadata": { "Auth": "anonymous" } },
              "admin": { "ClusterId": "app", "Order": 1, "Match": { "Path": "/api/admin/{**rest}" }, "Metadata": { "MinRole": "admin"} },
              "api": { "ClusterId": "app", "Order": 2, "Match": { "Path": "/api/{**rest}" } }
            },
            "Clusters": { "app": { "Destinations": { "main": { "Address": "{{backend}}" } } } }
          }
        }
        """;

    private async Task<string> StartGatewayAsync(string routes, int? gatewayPort = null)
    {
        var port = gatewayPort ?? ChildProcess.FreePort();
        var process = Start("Trachea.Gateway.dll", GatewayEnvironment(routes, port));
        var gateway = $"http://127.0.0.1:{port}";
        await process.WaitUntilAnsweringAsync(_client, new Uri($"{gateway}/api/orders"));
        return gateway;
    }

    private Dictionary<string, string> GatewayEnvironment(string? routes, int port)
    {
        var routesFile = Path.Combine(_directory, $"routes-{Guid.NewGuid():N}.json");
        if (routes is not null)
        {
            File.WriteAllText(routesFile, routes);
        }

        return new()
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["TRACHEA_APP_ID"] = TestApps.Demo,
            ["TRACHEA_JWT_SECRET"] = GatewayApplication.JwtSecret,
            ["TRACHEA_DATA_DIR"] = Path.Combine(_directory, "data"),
            ["TRACHEA_BCRYPT_WORK_FACTOR"] = "4",
            ["TRACHEA_GATEWAY_CONFIG"] = routesFile,
        };
    }

    private ChildProcess Start(string assembly, Dictionary<string, string> environment)
    {
        var process = ChildProcess.Start(assembly, environment, _directory);
        _processes.Add(process);
        return process;
    }
}
