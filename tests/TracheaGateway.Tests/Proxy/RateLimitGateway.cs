using System.Net.Http.Headers;
using System.Text.Json;
using Trachea.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Trachea.Tests.Proxy;

/// <summary>
/// A WireMock backend and the gateway on Kestrel in front of it, with rate-limited routes:
/// <c>/limited</c> (Auth optional, <see cref="Limited"/>), <c>/everyone</c> (Auth required, 2 for every plan),
/// <c>/open</c> (Auth anonymous, 2 per address) and <c>/unlimited</c> (Auth optional, no limit).
/// Users are registered per test, so no two tests share a count.
/// </summary>
public sealed class RateLimitGateway : IDisposable
{
    public const string Limited = "anonymous=2,free=3,pro=5";

    private readonly string _directory = TestDirectories.Create();

    public RateLimitGateway() : this(null)
    {
    }

    private RateLimitGateway(IDictionary<string, string?>? settings)
    {
        Backend.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(200).WithBody("{}"));
        RoutesFile = Path.Combine(_directory, "gateway.json");
        WriteRoutes(Limited);
        App = new ProxyGatewayApplication(RoutesFile, settings);
        Address = App.Address;
    }

    /// <summary>The same gateway with extra settings, for a test of its own.</summary>
    public static RateLimitGateway With(IDictionary<string, string?> settings) => new(settings);

    public WireMockServer Backend { get; } = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });

    public ProxyGatewayApplication App { get; }

    public string RoutesFile { get; }

    public Uri Address { get; }

    /// <summary>Rewrites the routes file with this value of <c>RateLimitPerMinute</c> on <c>/limited</c>.</summary>
    public void WriteRoutes(string limited)
    {
        var routes = new Dictionary<string, object>
        {
            ["limited"] = TestRoutes.Route("/limited/{**rest}", "backend", new() { ["Auth"] = "optional", ["RateLimitPerMinute"] = limited }),
            ["everyone"] = TestRoutes.Route("/everyone/{**rest}", "backend", new() { ["RateLimitPerMinute"] = "2" }),
            ["open"] = TestRoutes.Route("/open/{**rest}", "backend", new() { ["Auth"] = "anonymous", ["RateLimitPerMinute"] = "2" }),
            ["unlimited"] = TestRoutes.Route("/unlimited/{**rest}", "backend", new() { ["Auth"] = "optional" }),
        };
        File.WriteAllText(RoutesFile, JsonSerializer.Serialize(new
        {
            ReverseProxy = new { Routes = routes, Clusters = new { backend = TestRoutes.Cluster(Backend.Urls[0]) } },
        }));
    }

    /// <summary>A new user of the demo app on this plan, with tokens that say so.</summary>
    public async Task<TokenPair> NewUserAsync(string plan = "free")
    {
        var pair = await App.RegisterAsync(TestUsers.UniqueName("limited"));
        if (plan == "free")
        {
            return pair;
        }

        await App.SetMembershipAsync(pair.UserId, TestApps.Demo, plan: plan);
        return await RefreshAsync(pair);
    }

    /// <summary>The next tokens of the same session (the refresh re-reads the user's plan).</summary>
    public async Task<TokenPair> RefreshAsync(TokenPair pair)
    {
        using var client = App.CreateClient();
        using var response = await client.PostAsJsonAsync("/auth/refresh", new { refresh_token = pair.RefreshToken });
        response.EnsureSuccessStatusCode();
        return await TokenPair.ReadAsync(response);
    }

    /// <summary>GET <paramref name="prefix"/>/&lt;unique&gt; with this access token (none: anonymous); returns the response and its path.</summary>
    public async Task<(HttpResponseMessage Response, string Path)> GetAsync(string prefix, string? accessToken = null, HttpClient? client = null, string? forwardedFor = null)
    {
        var path = ProxyFixture.UniquePath(prefix);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        using var own = client is null ? App.CreateClient() : null;
        var response = await (client ?? own!).SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return (response, path);
    }

    /// <summary>How many requests the backend received at exactly this path.</summary>
    public int ReceivedAt(string path) => Backend.LogEntries.Count(entry => entry.RequestMessage.Path == path);

    public void Dispose()
    {
        App.Dispose();
        Backend.Stop();
        Backend.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
