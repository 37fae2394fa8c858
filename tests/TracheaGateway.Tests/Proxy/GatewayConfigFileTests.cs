using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Trachea.Gateway.Proxy;
using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.Proxy;

public sealed class GatewayConfigFileTests : IDisposable
{
    private readonly string _directory = TestDirectories.Create();

    [Fact]
    public void RelativePath_ResolvedAgainstTheContentRoot()
    {
        Assert.Equal(Path.Combine(_directory, "gateway.json"), GatewayConfigFile.ResolvePath(null, _directory));
        Assert.Equal(Path.Combine(_directory, "conf", "routes.json"), GatewayConfigFile.ResolvePath("conf/routes.json", _directory));
        Assert.Equal("/etc/trachea/routes.json", GatewayConfigFile.ResolvePath("/etc/trachea/routes.json", _directory));
    }

    [Fact]
    public void DefaultFileAbsent_NoErrorAndNothingLoaded()
    {
        using var configuration = new ConfigurationManager();
        var file = GatewayConfigFile.Create(null, _directory);
        configuration.Sources.Add(file);

        Assert.False(file.Found);
        Assert.Null(file.LoadError);
        Assert.False(configuration.GetSection("ReverseProxy").Exists());
    }

    [Fact]
    public void NamedFileAbsent_IsAnError()
    {
        using var configuration = new ConfigurationManager();
        var file = GatewayConfigFile.Create("missing.json", _directory);
        configuration.Sources.Add(file);

        Assert.Equal($"{Path.Combine(_directory, "missing.json")} does not exist.", file.LoadError);
    }

    [Fact]
    public async Task ConfigurationRebuiltAfterwards_StillReloadsOnChange()
    {
        var path = Path.Combine(_directory, "routes.json");
        await File.WriteAllTextAsync(path, """{ "ReverseProxy": { "Value": "one" } }""");
        using var configuration = new ConfigurationManager();
        configuration.Sources.Add(GatewayConfigFile.Create(path, _directory));

        // Inserting a source makes the manager rebuild every provider and dispose the old ones.
        configuration.Sources.Insert(0, new MemoryConfigurationSource());
        await File.WriteAllTextAsync(path, """{ "ReverseProxy": { "Value": "two" } }""");

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (configuration["ReverseProxy:Value"] != "two")
        {
            Assert.True(DateTime.UtcNow < deadline, "the change was not picked up");
            await Task.Delay(50);
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
