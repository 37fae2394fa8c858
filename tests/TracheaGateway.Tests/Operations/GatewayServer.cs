using System.Diagnostics;
using System.Text.RegularExpressions;
using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.Operations;

/// <summary>
/// The real gateway binary serving on a free loopback port, for what only Kestrel and the host show:
/// request limits, shutdown and the container health probe. Every wait is bounded.
/// </summary>
public sealed partial class GatewayServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private GatewayServer(Process process)
    {
        _process = process;
    }

    public string DataDir { get; private init; } = "";

    public Uri Address { get; private set; } = null!;

    public int ProcessId => _process.Id;

    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_output)
            {
                return [.. _output];
            }
        }
    }

    public static async Task<GatewayServer> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var dataDir = TestDirectories.Create();
        await TestApps.SeedAsync(dataDir);
        var environment = new Dictionary<string, string>
        {
            ["TRACHEA_DATA_DIR"] = dataDir,
            ["TRACHEA_APP_ID"] = TestApps.Demo,
            ["TRACHEA_JWT_SECRET"] = GatewayApplication.JwtSecret,
            ["TRACHEA_BCRYPT_WORK_FACTOR"] = "4",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        var server = new GatewayServer(Process.Start(GatewayCommand.StartInfo([], environment))!) { DataDir = dataDir };
        server._process.OutputDataReceived += (_, line) => server.Receive(line.Data);
        server._process.ErrorDataReceived += (_, line) => server.Receive(line.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        try
        {
            server.Address = await server._listening.Task.WaitAsync(StartTimeout);
        }
        catch (TimeoutException)
        {
            await server.DisposeAsync();
            throw new TimeoutException($"the gateway did not start: {string.Join('\n', server.Output)}");
        }

        return server;
    }

    public HttpClient CreateClient() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Sends SIGTERM, as <c>docker stop</c> and Kubernetes do, and waits for the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        SqliteCleanup.ReleaseAndDelete(DataDir);
    }

    private void Receive(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }

        if (ListeningOn().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();
}
