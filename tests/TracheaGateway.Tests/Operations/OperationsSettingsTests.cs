using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Configuration;
using Trachea.Gateway.Hosting;
using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.Operations;

public sealed class OperationsSettingsTests
{
    private static TracheaOptions Valid() => new() { AppId = "demo", JwtSecret = new string('k', 32) };

    [Theory]
    [InlineData("https://app.example.com")]
    [InlineData("http://localhost:5173")]
    [InlineData("https://app.example.com, https://admin.example.com")]
    public void Validate_ExactOrigins_Succeed(string origins)
    {
        var options = new GatewayHostOptions { CorsAllowedOrigins = origins };

        Assert.True(new GatewayHostOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_BadOrigins_NameEachOnItsOwnLine()
    {
        var options = new GatewayHostOptions
        {
            CorsAllowedOrigins = "*,https://*.example.com,https://app.example.com/path,ftp://files.example.com,app.example.com,https://ok.example.com,https://app.example.com/",
        };

        var failures = new GatewayHostOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Equal(6, failures.Count);
        Assert.All(failures, f => Assert.StartsWith("TRACHEA_CORS_ALLOWED_ORIGINS: '", f, StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("ok.example.com", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("KnownProxies", "10.0.0.1,not-an-ip", "TRACHEA_KNOWN_PROXIES: 'not-an-ip'")]
    public void Validate_BadSetting_FailsNamingIt(string property, object value, string expected)
    {
        var options = Valid();
        typeof(TracheaOptions).GetProperty(property)!.SetValue(options, value);

        var failure = Assert.Single(new TracheaOptionsValidator().Validate(null, options).Failures!);

        Assert.StartsWith(expected, failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3601)]
    public void Validate_ShutdownTimeoutOutOfRange_FailsNamingIt(int seconds)
    {
        var failure = Assert.Single(new GatewayHostOptionsValidator().Validate(null, new GatewayHostOptions { ShutdownTimeoutSeconds = seconds }).Failures!);

        Assert.StartsWith("TRACHEA_SHUTDOWN_TIMEOUT_SECONDS", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 30)]
    [InlineData("5", 5)]
    public void ShutdownTimeout_ComesFromSetting(string? configured, int expectedSeconds)
    {
        using var app = new GatewayApplication(new Dictionary<string, string?> { ["Trachea:ShutdownTimeoutSeconds"] = configured });

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), app.Service<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }

    [Fact]
    public async Task Start_BadOriginFromEnvironment_FailsWithOneLine()
    {
        var result = await StartGatewayAsync("http://127.0.0.1:0", ("TRACHEA_CORS_ALLOWED_ORIGINS", "https://ok.example.com,https://*.example.com"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal("trachea: TRACHEA_CORS_ALLOWED_ORIGINS: 'https://*.example.com' is not an exact origin; write scheme://host[:port] with http or https, no path, no wildcard.", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Start_AddressInUse_FailsWithOneLine()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var address = $"http://127.0.0.1:{((IPEndPoint)occupant.LocalEndpoint).Port}";

        var result = await StartGatewayAsync(address);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            $"trachea: Failed to bind to address {address}: address already in use. Stop what listens there or set another address (ASPNETCORE_URLS).",
            Assert.Single(result.ErrorLines));
    }

    /// <summary>Runs the real gateway on a seeded data dir of its own, with valid settings plus <paramref name="extra"/>, to its exit.</summary>
    private static async Task<CommandResult> StartGatewayAsync(string address, params (string Name, string Value)[] extra)
    {
        var dataDir = TestDirectories.Create();
        try
        {
            await TestApps.SeedAsync(dataDir);
            var environment = new Dictionary<string, string>
            {
                ["TRACHEA_DATA_DIR"] = dataDir,
                ["TRACHEA_APP_ID"] = TestApps.Demo,
                ["TRACHEA_JWT_SECRET"] = GatewayApplication.JwtSecret,
                ["ASPNETCORE_URLS"] = address,
            };
            foreach (var (name, value) in extra)
            {
                environment[name] = value;
            }

            return await GatewayCommand.RunAsync(environment);
        }
        finally
        {
            SqliteCleanup.ReleaseAndDelete(dataDir);
        }
    }
}
