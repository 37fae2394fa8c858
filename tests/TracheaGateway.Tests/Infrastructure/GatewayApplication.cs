using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Trachea.AuthEndpoints.Access;
using Trachea.AuthEndpoints.Auth;
using Trachea.AuthEndpoints.Storage;
using Trachea.AuthEndpoints.Storage.Sqlite;

namespace Trachea.Tests.Infrastructure;

/// <summary>
/// The real gateway host in process, on its own fresh data dir, with the apps of <see cref="TestApps"/>
/// registered before start-up (as an operator would with <c>apps add</c>). Clients get real tokens by
/// registering and logging in; nothing switches auth off.
/// </summary>
public class GatewayApplication : WebApplicationFactory<Program>
{
    public const string JwtSecret = "test-secret-that-is-long-enough-for-hs256-and-hs512-0123456789abcdef";

    private readonly Dictionary<string, string?> _settings;
    private readonly bool _keepDataDir;

    public GatewayApplication(IDictionary<string, string?>? settings = null, string? dataDir = null, bool keepDataDir = false)
    {
        DataDir = dataDir ?? TestDirectories.Create();
        _keepDataDir = keepDataDir;
        _settings = new Dictionary<string, string?>
        {
            ["Trachea:AppId"] = TestApps.Demo,
            ["Trachea:JwtSecret"] = JwtSecret,
            ["Trachea:DataDir"] = DataDir,
            ["Trachea:BcryptWorkFactor"] = "4",
            // Every in-process request shares one client address; rate-limit tests set their own limits.
            ["Trachea:RateLimitPerIpPerMinute"] = "1000000",
            ["Trachea:RateLimitPerUsernamePerMinute"] = "1000000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        TestApps.SeedAsync(DataDir).GetAwaiter().GetResult();
    }

    public string DataDir { get; }

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Registers a new username user (password <see cref="TestUsers.Password"/>) and returns its tokens.</summary>
    public async Task<TokenPair> RegisterAsync(string username, string? appId = null)
    {
        using var client = CreateClient();
        using var response = await client.PostAsJsonAsync("/auth/register", new { username, password = TestUsers.Password, app_id = appId });
        response.EnsureSuccessStatusCode();
        return await TokenPair.ReadAsync(response);
    }

    /// <summary>Signs an existing user in to an app as a login does, without spending a login attempt.</summary>
    public async Task<TokenPair> SignInAsync(string userId, string appId = TestApps.Demo)
    {
        var user = await Service<IUserStore>().FindByIdAsync(userId, CancellationToken.None)
            ?? throw new InvalidOperationException($"no user {userId}");
        var tokens = await Service<TokenService>().StartSessionAsync(user, user.MembershipOf(appId)!, CancellationToken.None);
        return new TokenPair(tokens.AccessToken, tokens.RefreshToken, userId, System.Text.Json.JsonSerializer.SerializeToElement(tokens));
    }

    public HttpClient CreateClient(string accessToken)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>Changes a user's role or plan in the store, as <c>users set-role|set-plan</c> does.</summary>
    public Task SetMembershipAsync(string userId, string appId, string? role = null, string? plan = null) =>
        Service<IUserStore>().UpdateMembershipAsync(userId, appId, role, plan, DateTimeOffset.UtcNow, CancellationToken.None);

    /// <summary>A routes file of the test's own (TRACHEA_GATEWAY_CONFIG), set before the host is first used.</summary>
    protected string? RoutesFile { get; set; }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        // Program chooses the routes file before builder.Build(), which configuration added by ConfigureWebHost
        // does not reach (dotnet/aspnetcore#37680); host configuration does.
        if (RoutesFile is { } routes)
        {
            builder.ConfigureHostConfiguration(configuration =>
                configuration.AddInMemoryCollection([new KeyValuePair<string, string?>("Trachea:GatewayConfig", routes)]));
        }

        return base.CreateHost(builder);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(_settings));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && !_keepDataDir)
        {
            SqliteCleanup.ReleaseAndDelete(DataDir);
        }
    }
}
