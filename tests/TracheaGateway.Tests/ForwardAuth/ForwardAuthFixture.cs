using System.Net.Http.Headers;
using Trachea.Tests.Infrastructure;
using Trachea.Tests.Proxy;
using Trachea.Tests.Sessions;

namespace Trachea.Tests.ForwardAuth;

/// <summary>
/// The gateway on Kestrel with sessions on, the routes of <see cref="TestRoutes"/> (no backend is ever reached:
/// forward auth forwards nothing) and <see cref="KnownProxy"/> in TRACHEA_KNOWN_PROXIES; a member, an admin and a
/// pro caller with real tokens.
/// </summary>
public sealed class ForwardAuthFixture : IAsyncLifetime
{
    public const string KnownProxy = "127.0.0.1";
    public const string Stranger = "127.0.0.2";

    private const string NoBackend = "http://127.0.0.1:9";

    public ForwardAuthFixture()
    {
        Gateway = new BrowserGateway(
            NoBackend,
            settings: new Dictionary<string, string?> { ["Trachea:KnownProxies"] = KnownProxy, ["Trachea:RedirectAllowedHosts"] = "app.example.com" },
            routes: TestRoutes.Json(NoBackend, NoBackend, NoBackend, NoBackend));
    }

    public BrowserGateway Gateway { get; }

    public Caller Member { get; private set; } = null!;

    public Caller Admin { get; private set; } = null!;

    public HttpClient Proxy { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using (Gateway.OpenBrowser())
        {
            // Starts the server.
        }

        Proxy = LoopbackClient.From(new Uri(Gateway.Origin), KnownProxy);
        Member = await CallerAsync("member", "member");
        Admin = await CallerAsync("admin", "admin");
    }

    public Task DisposeAsync()
    {
        Proxy.Dispose();
        Gateway.Dispose();
        return Task.CompletedTask;
    }

    public async Task<Caller> CallerAsync(string name, string role)
    {
        var username = TestUsers.UniqueName(name);
        var registered = await Gateway.RegisterAsync(username, TestApps.Demo);
        if (role != "member")
        {
            await Gateway.SetMembershipAsync(registered.UserId, TestApps.Demo, role);
        }

        using var client = Gateway.CreateClient();
        using var login = await client.PostAsJsonAsync("/auth/login", new { username, password = TestUsers.Password, app_id = TestApps.Demo });
        login.EnsureSuccessStatusCode();
        var tokens = await TokenPair.ReadAsync(login);
        return new Caller(name, tokens.AccessToken, tokens.UserId, username, role, "free", TestApps.Demo);
    }

    /// <summary>/auth/verify as a proxy asks it: the original URL, the caller's token and any other header of the original request.</summary>
    public Task<HttpResponseMessage> VerifyAsync(string? originalUrl, Caller? caller = null, string query = "", HttpClient? from = null, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/auth/verify{query}");
        if (originalUrl is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Original-URL", originalUrl);
        }

        if (caller?.Token is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return (from ?? Proxy).SendAsync(request);
    }
}
