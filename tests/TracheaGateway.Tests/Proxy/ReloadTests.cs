using System.Net;
using System.Text.Json;
using Trachea.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Trachea.Tests.Proxy;

/// <summary>The routes file is watched: a change applies without a restart, a broken file keeps the last good routes.</summary>
public sealed class ReloadTests : IDisposable
{
    private const int FileRejected = 3001;
    private const int ConfigRejected = 3003;
    private static readonly TimeSpan ReloadLimit = TimeSpan.FromSeconds(10);

    private readonly WireMockServer _backend = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
    private readonly string _directory = TestDirectories.Create();
    private readonly string _file;
    private readonly ProxyGatewayApplication _app;
    private readonly HttpClient _client;

    public ReloadTests()
    {
        _backend.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(200).WithBody("{}"));
        _file = Path.Combine(_directory, "routes.json");
        Write(new RouteSpec("first", "/first/{**rest}", "anonymous"));
        _app = new ProxyGatewayApplication(_file);
        _client = _app.CreateClient();
    }

    [Fact]
    public async Task NewRoute_AnswersWithoutRestart()
    {
        await AssertStatusAsync("/first/x", HttpStatusCode.OK);
        await AssertStatusAsync("/second/x", HttpStatusCode.NotFound);

        Write(new RouteSpec("first", "/first/{**rest}", "anonymous"), new RouteSpec("second", "/second/{**rest}", "anonymous"));

        await WaitForStatusAsync("/second/x", HttpStatusCode.OK);
        await AssertStatusAsync("/first/x", HttpStatusCode.OK);
    }

    [Fact]
    public async Task ChangedRouteMetadata_AppliesWithoutRestart()
    {
        await AssertStatusAsync("/first/x", HttpStatusCode.OK);

        Write(new RouteSpec("first", "/first/{**rest}", "required"));

        await WaitForStatusAsync("/first/x", HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task InvalidJson_KeepsLastGoodRoutesAndLogsOneError()
    {
        await AssertStatusAsync("/first/x", HttpStatusCode.OK);
        var before = _app.Logs.Entries.Count;

        await File.WriteAllTextAsync(_file, """{ "ReverseProxy": { "Routes": { "first": """);

        var logged = await _app.Logs.WaitForAsync(FileRejected, before, ReloadLimit);
        Assert.Contains(_file, logged.Message, StringComparison.Ordinal);
        await AssertStatusAsync("/first/x", HttpStatusCode.OK);

        Write(new RouteSpec("first", "/first/{**rest}", "anonymous"), new RouteSpec("second", "/second/{**rest}", "anonymous"));
        await WaitForStatusAsync("/second/x", HttpStatusCode.OK);
    }

    [Fact]
    public async Task InvalidRouteMetadata_KeepsLastGoodRoutesAndNamesTheRoute()
    {
        await AssertStatusAsync("/first/x", HttpStatusCode.OK);
        var before = _app.Logs.Entries.Count;

        Write(new RouteSpec("first", "/first/{**rest}", "required"), new RouteSpec("second", "/second/{**rest}", "anonymous", "boss"));

        var logged = await _app.Logs.WaitForAsync(ConfigRejected, before, ReloadLimit);
        Assert.Contains("Route 'second': Metadata MinRole 'boss' is not valid", logged.Message, StringComparison.Ordinal);
        Assert.Single(_app.Logs.Entries.Skip(before), e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error && e.Category.StartsWith("Trachea", StringComparison.Ordinal));
        await AssertStatusAsync("/first/x", HttpStatusCode.OK);
        await AssertStatusAsync("/second/x", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task MisspelledMetadataKey_KeepsLastGoodRoutesAndNamesTheNearestKey()
    {
        await AssertStatusAsync("/first/x", HttpStatusCode.OK);
        var before = _app.Logs.Entries.Count;

        await File.WriteAllTextAsync(_file, JsonSerializer.Serialize(new
        {
            ReverseProxy = new
            {
                Routes = new
                {
                    first = TestRoutes.Route("/first/{**rest}", "backend", new() { ["Auth"] = "anonymous" }),
                    second = TestRoutes.Route("/second/{**rest}", "backend", new() { ["Auth"] = "anonymous", ["MinRoles"] = "admin" }),
                },
                Clusters = new { backend = TestRoutes.Cluster(_backend.Urls[0]) },
            },
        }));

        var logged = await _app.Logs.WaitForAsync(ConfigRejected, before, ReloadLimit);
        Assert.Contains("Route 'second': Metadata key 'MinRoles' is not known; did you mean 'MinRole'?", logged.Message, StringComparison.Ordinal);
        await AssertStatusAsync("/first/x", HttpStatusCode.OK);
        await AssertStatusAsync("/second/x", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DestinationThatIsTheGateway_KeepsLastGoodRoutesAndNamesIt()
    {
        await AssertStatusAsync("/first/x", HttpStatusCode.OK);
        var before = _app.Logs.Entries.Count;
        var own = _app.Address;

        await File.WriteAllTextAsync(_file, JsonSerializer.Serialize(new
        {
            ReverseProxy = new
            {
                Routes = new { first = TestRoutes.Route("/first/{**rest}", "backend", new() { ["Auth"] = "anonymous" }) },
                Clusters = new { backend = TestRoutes.Cluster($"http://localhost:{own.Port}/") },
            },
        }));

        var logged = await _app.Logs.WaitForAsync(ConfigRejected, before, ReloadLimit);
        Assert.Contains(
            $"Cluster 'backend': destination 'main' (http://localhost:{own.Port}/) is the gateway's own address http://127.0.0.1:{own.Port};",
            logged.Message,
            StringComparison.Ordinal);
        await AssertStatusAsync("/first/x", HttpStatusCode.OK);
    }

    [Fact]
    public async Task DeletedFile_KeepsLastGoodRoutes()
    {
        await AssertStatusAsync("/first/x", HttpStatusCode.OK);
        var before = _app.Logs.Entries.Count;

        File.Delete(_file);

        await _app.Logs.WaitForAsync(FileRejected, before, ReloadLimit);
        await AssertStatusAsync("/first/x", HttpStatusCode.OK);
    }

    public void Dispose()
    {
        _client.Dispose();
        _app.Dispose();
        _backend.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private void Write(params RouteSpec[] routes) =>
        File.WriteAllText(_file, JsonSerializer.Serialize(new
        {
            ReverseProxy = new
            {
                Routes = routes.ToDictionary(
                    route => route.Id,
                    route => TestRoutes.Route(route.Path, "backend", route.MinRole is null
                        ? new() { ["Auth"] = route.Auth }
                        : new() { ["Auth"] = route.Auth, ["MinRole"] = route.MinRole })),
                Clusters = new { backend = TestRoutes.Cluster(_backend.Urls[0]) },
            },
        }));

    private sealed record RouteSpec(string Id, string Path, string Auth, string? MinRole = null);

    private async Task AssertStatusAsync(string path, HttpStatusCode status)
    {
        using var response = await _client.GetAsync(path);
        Assert.Equal(status, response.StatusCode);
    }

    private async Task WaitForStatusAsync(string path, HttpStatusCode status)
    {
        var deadline = DateTime.UtcNow + ReloadLimit;
        while (true)
        {
            using var response = await _client.GetAsync(path);
            if (response.StatusCode == status)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{path} still answers {(int)response.StatusCode} after {ReloadLimit.TotalSeconds} s");
            await Task.Delay(100);
        }
    }
}
