using System.Net;
using System.Net.Sockets;
using Trachea.Tests.EndToEnd;
using Trachea.Tests.Infrastructure;
using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Trachea.Tests.Proxy;

/// <summary>
/// A WireMock backend on loopback, the gateway on Kestrel in front of it with <see cref="TestRoutes"/>, and
/// a <see cref="RecordingBackend"/> behind the <c>/raw…</c> routes, and four callers with real tokens: member (free), admin (free), pro (member) and a member of app <c>other</c>.
/// Tests use paths of their own (<see cref="UniquePath"/>) and read what the backend received for them.
/// </summary>
public sealed class ProxyFixture : IAsyncLifetime
{
    public const string SlowPrefix = "/slow/";

    private readonly string _directory = TestDirectories.Create();

    public ProxyFixture()
    {
        Backend = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        Backend.Given(Request.Create().UsingAnyMethod()).AtPriority(10)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("{}"));
        Backend.Given(Request.Create().WithPath(new WildcardMatcher($"{SlowPrefix}*"))).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithDelay(TestRoutes.SlowClusterTimeout * 3));

        RoutesFile = Path.Combine(_directory, "gateway.json");
        File.WriteAllText(RoutesFile, TestRoutes.Json(Backend.Urls[0], $"http://127.0.0.1:{ChildProcess.FreePort()}", DroppingBackend.Url, RecordingBackend.Url));
        App = new ProxyGatewayApplication(RoutesFile);
    }

    public WireMockServer Backend { get; }

    public DroppingBackend DroppingBackend { get; } = new();

    /// <summary>The backend of the <c>/raw…</c> routes, which records raw request targets.</summary>
    public RecordingBackend RecordingBackend { get; } = new();

    public ProxyGatewayApplication App { get; }

    public string RoutesFile { get; }

    public Uri Address { get; private set; } = null!;

    public Caller Member { get; private set; } = null!;

    public Caller Admin { get; private set; } = null!;

    public Caller Pro { get; private set; } = null!;

    public Caller OtherAppMember { get; private set; } = null!;

    public Caller this[string name] => name switch
    {
        "anonymous" => Caller.Anonymous,
        "member" => Member,
        "admin" => Admin,
        "pro" => Pro,
        "other-app" => OtherAppMember,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    public static string UniquePath(string prefix) => $"{prefix.TrimEnd('/')}/{Guid.NewGuid():N}";

    /// <summary>What the backend received at exactly this path (as it arrived there).</summary>
    public IReadOnlyList<IRequestMessage> ReceivedAt(string path) =>
        Backend.LogEntries.Select(entry => entry.RequestMessage).Where(request => request.Path == path).ToList();

    /// <summary>Waits (bounded) until the backend has logged one request at this path, and returns it.</summary>
    public async Task<IRequestMessage> SingleReceivedAtAsync(string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (ReceivedAt(path).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        return Assert.Single(ReceivedAt(path));
    }

    public HttpClient CreateClient() => App.CreateClient();

    public async Task InitializeAsync()
    {
        Address = App.Address;
        Member = await CallerAsync("member", "member", "free", TestApps.Demo);
        Admin = await CallerAsync("admin", "admin", "free", TestApps.Demo);
        Pro = await CallerAsync("pro", "member", "pro", TestApps.Demo);
        OtherAppMember = await CallerAsync("other-app", "member", "free", TestApps.Other);
    }

    public Task DisposeAsync()
    {
        App.Dispose();
        Backend.Stop();
        Backend.Dispose();
        DroppingBackend.Dispose();
        RecordingBackend.Dispose();
        Directory.Delete(_directory, recursive: true);

        return Task.CompletedTask;
    }

    private async Task<Caller> CallerAsync(string name, string role, string plan, string appId)
    {
        var username = TestUsers.UniqueName(name.Replace("-", "", StringComparison.Ordinal));
        var registered = await App.RegisterAsync(username, appId);
        if (role != "member" || plan != "free")
        {
            await App.SetMembershipAsync(registered.UserId, appId, role, plan);
        }

        using var client = App.CreateClient();
        using var login = await client.PostAsJsonAsync("/auth/login", new { username, password = TestUsers.Password, app_id = appId });
        login.EnsureSuccessStatusCode();
        var tokens = await TokenPair.ReadAsync(login);
        return new Caller(name, tokens.AccessToken, tokens.UserId, username, role, plan, appId);
    }
}
