using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.Operations;

/// <summary>
/// The framework's file watcher covers the whole tree under its root, so a data directory below it would wake the
/// watcher on every store write. The gateway reads appsettings once (and polls gateway.json, see ReloadTests).
/// </summary>
public sealed class FileWatchTests : IDisposable
{
    private readonly GatewayApplication _app = new();

    [Fact]
    public void AppSettingsFiles_AreNotReloadedOnChange()
    {
        var root = (IConfigurationRoot)_app.Service<IConfiguration>();

        var jsonFiles = root.Providers.OfType<JsonConfigurationProvider>().ToList();

        Assert.NotEmpty(jsonFiles);
        Assert.All(jsonFiles, file => Assert.False(file.Source.ReloadOnChange, file.Source.Path));
    }

    public void Dispose() => _app.Dispose();
}
