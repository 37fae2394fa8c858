using Microsoft.Playwright;
using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.EndToEnd.Browser;

/// <summary>
/// One test class's processes: the real sample echo backend and the real gateway as processes on 127.0.0.1 (sessions
/// on through TRACHEA_PUBLIC_ORIGIN; /app/ needs a signed-in user) and one headless Chromium. Nothing starts
/// when Chromium is missing: the <see cref="BrowserFactAttribute"/> tests are skipped then.
/// </summary>
public sealed class BrowserProcesses : IAsyncLifetime
{
    /// <summary>
    /// How long a page step may take, in milliseconds: the suite runs its classes in parallel on two cores, and a
    /// page can take longer than Playwright's 30 s default.
    /// </summary>
    public const float Timeout = 90_000;

    private readonly string _directory = TestDirectories.Create();
    private readonly List<ChildProcess> _processes = [];
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public string Gateway { get; private set; } = "";

    public IBrowser Browser => _browser ?? throw new InvalidOperationException($"{Chromium.Path} is missing");

    public async Task InitializeAsync()
    {
        if (!Chromium.IsInstalled)
        {
            return;
        }

        var dataDir = Path.Combine(_directory, "data");
        await TestApps.SeedAsync(dataDir);
        var port = ChildProcess.FreePort();
        Gateway = $"http://127.0.0.1:{port}";
        var echo = $"http://127.0.0.1:{ChildProcess.FreePort()}";
        var routesFile = Path.Combine(_directory, "gateway.json");
        await File.WriteAllTextAsync(routesFile, $$"""
            { "ReverseProxy": {
                "Routes": { "app": { "ClusterId": "echo", "Match": { "Path": "/app/{**rest}" } } },
                "Clusters": { "echo": { "Destinations": { "main": { "Address": "{{echo}}" } } } } } }
            """);

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var echoProcess = Start("EchoBackend.dll", new()
        {
            ["ASPNETCORE_URLS"] = echo,
            ["JwksUrl"] = $"{Gateway}/.well-known/jwks.json",
            // With a public origin the gateway's assertions are issued by that origin.
            ["Issuer"] = Gateway,
        });
        await echoProcess.WaitUntilAnsweringAsync(client, new Uri($"{echo}/"));
        var gateway = Start("Trachea.Gateway.dll", new()
        {
            ["ASPNETCORE_URLS"] = Gateway,
            ["TRACHEA_PUBLIC_ORIGIN"] = Gateway,
            ["TRACHEA_APP_ID"] = TestApps.Demo,
            ["TRACHEA_JWT_SECRET"] = GatewayApplication.JwtSecret,
            ["TRACHEA_DATA_DIR"] = dataDir,
            ["TRACHEA_BCRYPT_WORK_FACTOR"] = "4",
            ["TRACHEA_GATEWAY_CONFIG"] = routesFile,
        });
        await gateway.WaitUntilAnsweringAsync(client, new Uri($"{Gateway}/readyz"));

        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    /// <summary>A fresh browser profile (no cookies) whose relative URLs are the gateway's.</summary>
    public async Task<IBrowserContext> NewContextAsync(ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = Gateway, ViewportSize = viewport });
        context.SetDefaultTimeout(Timeout);
        context.SetDefaultNavigationTimeout(Timeout);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        SqliteCleanup.ReleaseAndDelete(_directory);
    }

    private ChildProcess Start(string assembly, Dictionary<string, string> environment)
    {
        var process = ChildProcess.Start(assembly, environment, _directory);
        _processes.Add(process);
        return process;
    }
}
