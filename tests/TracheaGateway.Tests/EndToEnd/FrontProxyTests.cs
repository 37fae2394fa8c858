using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.EndToEnd;

/// <summary>
/// Real nginx and Caddy in front of the echo backend, asking the real gateway's /auth/verify, each running the
/// recipe shipped in docs/forward-auth/ with its placeholders filled in.
/// </summary>
public sealed class FrontProxyTests : IAsyncLifetime, IDisposable
{
    private readonly string _directory = TestDirectories.Create();
    private readonly HttpClient _client = new(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };
    private readonly List<ChildProcess> _processes = [];
    private string _echo = null!;
    private string _gateway = null!;

    [ProgramFact("nginx")]
    public async Task Nginx_MemberReachesTheEchoWithTheIdentity_NoTokenIs401()
    {
        var port = ChildProcess.FreePort();
        var config = Path.Combine(_directory, "nginx.conf");
        File.WriteAllText(config, Recipe("nginx.conf", port));
        StartProgram(ChildProcess.OnPath("nginx")!, ["-p", _directory, "-c", config, "-g", $"daemon off; pid {_directory}/nginx.pid; error_log {_directory}/nginx-error.log;"]);

        await AssertMemberAndAnonymousAsync(port, HttpStatusCode.Unauthorized);
    }

    [ProgramFact("caddy")]
    public async Task Caddy_MemberReachesTheEcho_NoTokenGetsTheGatewaysAnswer_ABrowserLandsOnSignIn()
    {
        var port = ChildProcess.FreePort();
        var config = Path.Combine(_directory, "Caddyfile");
        File.WriteAllText(config, Recipe("Caddyfile", port));
        StartProgram(ChildProcess.OnPath("caddy")!, ["run", "--config", config, "--adapter", "caddyfile"]);

        await AssertMemberAndAnonymousAsync(port, HttpStatusCode.Unauthorized);
        using var navigation = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/api/orders");
        navigation.Headers.TryAddWithoutValidation("Accept", "text/html");
        using var redirect = await _client.SendAsync(navigation);
        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        using var page = await _client.GetAsync(redirect.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.StartsWith($"{_gateway}/auth/sign_in", redirect.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Contains("<form", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public async Task InitializeAsync()
    {
        await TestApps.SeedAsync(Path.Combine(_directory, "data"));
        _echo = $"http://127.0.0.1:{ChildProcess.FreePort()}";
        var gatewayPort = ChildProcess.FreePort();
        _gateway = $"http://127.0.0.1:{gatewayPort}";
        var echo = Start("EchoBackend.dll", new() { ["ASPNETCORE_URLS"] = _echo, ["JwksUrl"] = $"{_gateway}/.well-known/jwks.json", ["Issuer"] = _gateway });
        await echo.WaitUntilAnsweringAsync(_client, new Uri($"{_echo}/"));
        var routes = Path.Combine(_directory, "gateway.json");
        File.WriteAllText(routes, $$"""{ "ReverseProxy": { "Routes": { "api": { "ClusterId": "app", "Match": { "Path": "/api/{**rest}" } } }, "Clusters": { "app": { "Destinations": { "main": { "Address": "{{_echo}}" } } } } } }""");
        var gateway = Start("Trachea.Gateway.dll", new()
        {
            ["ASPNETCORE_URLS"] = _gateway,
            ["TRACHEA_APP_ID"] = TestApps.Demo,
            ["TRACHEA_JWT_SECRET"] = GatewayApplication.JwtSecret,
            ["TRACHEA_DATA_DIR"] = Path.Combine(_directory, "data"),
            ["TRACHEA_BCRYPT_WORK_FACTOR"] = "4",
            ["TRACHEA_GATEWAY_CONFIG"] = routes,
            ["TRACHEA_KNOWN_PROXIES"] = "127.0.0.1",
            ["TRACHEA_PUBLIC_ORIGIN"] = _gateway,
        });
        await gateway.WaitUntilAnsweringAsync(_client, new Uri($"{_gateway}/healthz"));
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        SqliteCleanup.ReleaseAndDelete(_directory);
    }

    public void Dispose() => _client.Dispose();

    private async Task AssertMemberAndAnonymousAsync(int port, HttpStatusCode anonymousStatus)
    {
        var front = $"http://127.0.0.1:{port}";
        await WaitForAsync(front);
        using var register = await _client.PostAsJsonAsync($"{_gateway}/auth/register", new { username = TestUsers.UniqueName("fronted"), password = TestUsers.Password });
        var tokens = await TokenPair.ReadAsync(register);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"{front}/api/orders");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        request.Headers.TryAddWithoutValidation("X-User-Role", "admin");
        using var member = await _client.SendAsync(request);
        using var anonymous = await _client.GetAsync($"{front}/api/orders");

        Assert.Equal(HttpStatusCode.OK, member.StatusCode);
        var echoed = await member.Content.ReadFromJsonAsync<JsonElement>();
        var headers = echoed.GetProperty("headers").EnumerateObject().ToDictionary(h => h.Name, h => h.Value.GetString(), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(tokens.UserId, headers["X-User-Id"]);
        Assert.Equal("member", headers["X-User-Role"]);
        Assert.True(echoed.GetProperty("assertion").GetProperty("verified").GetBoolean(), echoed.GetProperty("assertion").ToString());
        Assert.Equal(anonymousStatus, anonymous.StatusCode);
    }

    private async Task WaitForAsync(string front)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var _ = await _client.GetAsync($"{front}/api/ready");
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        Assert.Fail($"the front proxy did not answer: {string.Join('\n', _processes.Select(p => p.Output))}");
    }

    // The shipped recipe, its placeholders filled in.
    private string Recipe(string name, int port)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory.FullName, "docs", "forward-auth", name)))
        {
            directory = directory.Parent ?? throw new FileNotFoundException(name);
        }

        return File.ReadAllText(Path.Combine(directory.FullName, "docs", "forward-auth", name))
            .Replace("GATEWAY", _gateway["http://".Length..], StringComparison.Ordinal)
            .Replace("APP", _echo["http://".Length..], StringComparison.Ordinal)
            .Replace("LISTEN", $"127.0.0.1:{port}", StringComparison.Ordinal);
    }

    private ChildProcess Start(string assembly, Dictionary<string, string> environment)
    {
        var process = ChildProcess.Start(assembly, environment, _directory);
        _processes.Add(process);
        return process;
    }

    private void StartProgram(string program, string[] args) => _processes.Add(ChildProcess.StartProgram(program, args, _directory));
}
