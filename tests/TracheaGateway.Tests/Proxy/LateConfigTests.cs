using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.Proxy;

/// <summary>
/// The routes file is chosen before the host is built, so a test that names it through ConfigureAppConfiguration
/// (applied later, dotnet/aspnetcore#37680) would silently get another file; start-up refuses instead, with a
/// line on stderr saying to use the environment, the command line or host configuration.
/// </summary>
public sealed class LateConfigTests
{
    [Fact]
    public void RoutesFileNamedAfterTheBuilderWasCreated_StartupRefused()
    {
        var directory = TestDirectories.Create();
        var file = Path.Combine(directory, "routes.json");
        File.WriteAllText(file, """{ "ReverseProxy": { } }""");
        using var app = new GatewayApplication(new Dictionary<string, string?> { ["Trachea:GatewayConfig"] = file });

        Assert.Throws<InvalidOperationException>(() => app.CreateClient());
        Directory.Delete(directory, recursive: true);
    }
}
