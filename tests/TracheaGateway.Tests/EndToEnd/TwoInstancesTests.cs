using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.EndToEnd;

/// <summary>
/// Two real gateway processes on one data directory (and the command line as a third): a revocation made
/// through one reaches the other within the promised bound (poll interval + 1 s), and refresh stays atomic.
/// </summary>
public sealed class TwoInstancesTests : IAsyncLifetime, IDisposable
{
    private const double PollSeconds = 1;
    private static readonly TimeSpan Promise = TimeSpan.FromSeconds(PollSeconds + 1);

    private readonly string _directory = TestDirectories.Create();
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly List<ChildProcess> _processes = [];
    private string _first = "";
    private string _second = "";

    private string DataDir => Path.Combine(_directory, "data");

    [Fact]
    public async Task DeactivationThroughOne_IsRefusedByTheOtherWithinThePromise()
    {
        var tokens = await RegisterAsync(_first);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(_second, tokens.AccessToken));

        using (var delete = Authorized(HttpMethod.Delete, $"{_first}/users/me", tokens.AccessToken))
        using (var deleted = await _client.SendAsync(delete))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(_first, tokens.AccessToken));
        var elapsed = await TimeUntilRefusedAsync(_second, tokens.AccessToken);
        Assert.True(elapsed <= Promise, $"refused after {elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task RoleLoweredByTheCommandLine_IsRefusedByBothWithinThePromise()
    {
        var tokens = await RegisterAsync(_first);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(_first, tokens.AccessToken));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(_second, tokens.AccessToken));

        var command = await GatewayCommand.RunAsync(
            new Dictionary<string, string>
            {
                ["TRACHEA_DATA_DIR"] = DataDir,
                ["TRACHEA_APP_ID"] = TestApps.Demo,
                ["TRACHEA_JWT_SECRET"] = GatewayApplication.JwtSecret,
            },
            "users", "set-role", tokens.UserId, "--app", TestApps.Demo, "--role", "guest");
        Assert.Equal(0, command.ExitCode);

        Assert.True(await TimeUntilRefusedAsync(_first, tokens.AccessToken) <= Promise);
        Assert.True(await TimeUntilRefusedAsync(_second, tokens.AccessToken) <= Promise);
    }

    [Fact]
    public async Task TwentyConcurrentRefreshesOfOneTokenAcrossBoth_ExactlyOneSucceeds()
    {
        var tokens = await RegisterAsync(_first);

        var calls = Enumerable.Range(0, 20).Select(async i =>
        {
            using var response = await _client.PostAsJsonAsync($"{(i % 2 == 0 ? _first : _second)}/auth/refresh", new { refresh_token = tokens.RefreshToken });
            return response.StatusCode;
        });
        var statuses = await Task.WhenAll(calls);

        Assert.Single(statuses, s => s == HttpStatusCode.OK);
        Assert.All(statuses.Where(s => s != HttpStatusCode.OK), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
    }

    public async Task InitializeAsync()
    {
        await TestApps.SeedAsync(DataDir);
        var routesFile = Path.Combine(_directory, "gateway.json");
        var echo = $"http://127.0.0.1:{ChildProcess.FreePort()}";
        await File.WriteAllTextAsync(routesFile, $$"""
            { "ReverseProxy": {
                "Routes": { "api": { "ClusterId": "app", "Match": { "Path": "/api/{**rest}" }, "Metadata": { "MinRole": "member" } } },
                "Clusters": { "app": { "Destinations": { "main": { "Address": "{{echo}}" } } } } } }
            """);
        var echoProcess = Start("EchoBackend.dll", new() { ["ASPNETCORE_URLS"] = echo });
        await echoProcess.WaitUntilAnsweringAsync(_client, new Uri($"{echo}/"));
        _first = await StartGatewayAsync(routesFile);
        _second = await StartGatewayAsync(routesFile);
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

    private async Task<TimeSpan> TimeUntilRefusedAsync(string gateway, string accessToken)
    {
        // Bounded: twice the promise, then the test fails on the elapsed time it reports.
        var clock = Stopwatch.StartNew();
        while (await StatusAsync(gateway, accessToken) == HttpStatusCode.OK && clock.Elapsed < Promise * 2)
        {
            await Task.Delay(25);
        }

        return clock.Elapsed;
    }

    private async Task<HttpStatusCode> StatusAsync(string gateway, string accessToken)
    {
        using var request = Authorized(HttpMethod.Get, $"{gateway}/api/orders", accessToken);
        using var response = await _client.SendAsync(request);
        return response.StatusCode;
    }

    private static HttpRequestMessage Authorized(HttpMethod method, string url, string accessToken)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return request;
    }

    private async Task<TokenPair> RegisterAsync(string gateway)
    {
        using var response = await _client.PostAsJsonAsync($"{gateway}/auth/register", new { username = TestUsers.UniqueName(), password = TestUsers.Password });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await TokenPair.ReadAsync(response);
    }

    private async Task<string> StartGatewayAsync(string routesFile)
    {
        var port = ChildProcess.FreePort();
        var gateway = $"http://127.0.0.1:{port}";
        var process = Start("Trachea.Gateway.dll", new()
        {
            ["ASPNETCORE_URLS"] = gateway,
            ["TRACHEA_APP_ID"] = TestApps.Demo,
            ["TRACHEA_JWT_SECRET"] = GatewayApplication.JwtSecret,
            ["TRACHEA_DATA_DIR"] = DataDir,
            ["TRACHEA_BCRYPT_WORK_FACTOR"] = "4",
            ["TRACHEA_GATEWAY_CONFIG"] = routesFile,
            ["TRACHEA_REVOCATION_POLL_SECONDS"] = PollSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await process.WaitUntilAnsweringAsync(_client, new Uri($"{gateway}/readyz"));
        return gateway;
    }

    private ChildProcess Start(string assembly, Dictionary<string, string> environment)
    {
        var process = ChildProcess.Start(assembly, environment, _directory);
        _processes.Add(process);
        return process;
    }
}
