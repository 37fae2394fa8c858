using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Primitives;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// The routes file (<c>gateway.json</c>) as a configuration source that reloads on change, like a JSON file
/// source with <c>reloadOnChange</c>, but keeps the last good data when the file becomes unreadable, invalid JSON
/// or disappears (the stock JSON source would empty itself, and YARP would then drop every route). Such a
/// problem is logged once per change; at start-up it is reported by <see cref="GatewayConfigProblems"/>.
/// </summary>
internal sealed class GatewayConfigFile : ConfigurationProvider, IConfigurationSource, IDisposable
{
    public const string DefaultFileName = "gateway.json";

    private static readonly TimeSpan ReloadDelay = TimeSpan.FromMilliseconds(250);

    private readonly Lock _lock = new();
    private readonly PhysicalFileProvider? _directory;
    private readonly string _fileName;
    private readonly Timer _debounce;
    private IDisposable? _watch;
    private ILogger _logger = NullLogger.Instance;
    private int _holders;
    private bool _disposed;

    /// <summary>
    /// The file named by <c>Trachea:GatewayConfig</c> (TRACHEA_GATEWAY_CONFIG), relative to the content root; by
    /// default <c>gateway.json</c> in the content root, which may then be absent (the gateway proxies nothing).
    /// </summary>
    public static GatewayConfigFile Create(string? configuredPath, string contentRoot) =>
        new(ResolvePath(configuredPath, contentRoot), required: !string.IsNullOrWhiteSpace(configuredPath));

    public static string ResolvePath(string? configuredPath, string contentRoot) =>
        System.IO.Path.GetFullPath(string.IsNullOrWhiteSpace(configuredPath) ? DefaultFileName : configuredPath, contentRoot);

    private GatewayConfigFile(string path, bool required)
    {
        Path = path;
        Required = required;
        _fileName = System.IO.Path.GetFileName(path);
        var directory = System.IO.Path.GetDirectoryName(path);
        // Polled (every 4 s), not watched: the framework's file watcher covers the whole tree under the file's
        // directory, so a data directory beside gateway.json (the default layout) woke it on every store write, and
        // polling also sees changes that file events miss (bind mounts, Kubernetes ConfigMap symlink swaps).
        _directory = directory is not null && Directory.Exists(directory)
            ? new PhysicalFileProvider(directory, Microsoft.Extensions.FileProviders.Physical.ExclusionFilters.None)
            {
                UsePollingFileWatcher = true,
                UseActivePolling = true,
            }
            : null;
        _debounce = new Timer(_ => Reload(), null, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>The absolute path of the routes file.</summary>
    public string Path { get; }

    /// <summary>True when the path was configured explicitly, so a missing file is an error.</summary>
    public bool Required { get; }

    /// <summary>Why the last read failed; null when the data in force is the file's current content.</summary>
    public string? LoadError { get; private set; }

    /// <summary>True once a read found the file.</summary>
    public bool Found { get; private set; }

    /// <summary>
    /// Every configuration root that builds this source holds the same provider and disposes it once: a
    /// <c>ConfigurationManager</c> rebuilding its sources disposes the old list, which contains this very instance.
    /// Watching stops only when the last holder lets go.
    /// </summary>
    public IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        Interlocked.Increment(ref _holders);
        return this;
    }

    /// <summary>Called by the configuration root when it (re)builds its providers: read now, watch from now on.</summary>
    public override void Load()
    {
        lock (_lock)
        {
            Read();
            _watch ??= _directory is null ? null : ChangeToken.OnChange(() => _directory.Watch(_fileName), ScheduleReload);
        }
    }

    /// <summary>From now on, reload problems are logged here (before the host is built there is nobody to tell).</summary>
    public void UseLogger(ILogger logger) => _logger = logger;

    public void Dispose()
    {
        if (Interlocked.Decrement(ref _holders) > 0)
        {
            return;
        }

        lock (_lock)
        {
            _disposed = true;
            _watch?.Dispose();
            _debounce.Dispose();
            _directory?.Dispose();
        }
    }

    // Editors and copies write a file in several steps: read it once things have settled.
    private void ScheduleReload()
    {
        lock (_lock)
        {
            if (!_disposed)
            {
                _debounce.Change(ReloadDelay, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void Reload()
    {
        bool changed;
        string? error;
        lock (_lock)
        {
            changed = Read();
            error = LoadError;
        }

        if (error is not null)
        {
            GatewayLog.ConfigFileRejected(_logger, error);
        }
        else if (changed)
        {
            GatewayLog.ConfigFileReloaded(_logger, Path);
            OnReload();
        }
    }

    /// <returns>True when the data changed.</returns>
    private bool Read()
    {
        Dictionary<string, string?> data;
        try
        {
            if (!File.Exists(Path))
            {
                Found = false;
                LoadError = Required || Data.Count > 0 ? $"{Path} does not exist." : null;
                return false;
            }

            using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            data = new ConfigurationBuilder().AddJsonStream(stream).Build().AsEnumerable()
                .Where(pair => pair.Value is not null)
                .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase);
        }
        catch (Exception exception) when (exception is FormatException or IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            LoadError = $"{Path} could not be read: {Describe(exception)}";
            return false;
        }

        Found = true;
        LoadError = null;
        if (data.Count == Data.Count && data.All(pair => Data.TryGetValue(pair.Key, out var value) && value == pair.Value))
        {
            return false;
        }

        Data = data;
        return true;
    }

    private static string Describe(Exception exception) =>
        exception.InnerException is { } inner ? $"{exception.Message} {inner.Message}" : exception.Message;
}
