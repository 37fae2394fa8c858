using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.EndToEnd;

/// <summary>
/// One of the app's assemblies from the test output (Trachea.Gateway.dll, EchoBackend.dll) run as a real
/// process with its own environment; output is kept for diagnostics, and disposing always kills it.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ChildProcess(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static ChildProcess Start(string assembly, IDictionary<string, string> environment, string workingDirectory)
    {
        var start = GatewayCommand.StartInfo(assembly, [], environment.AsReadOnly());
        start.WorkingDirectory = workingDirectory;
        return Launch(start);
    }

    /// <summary>A program from the machine (nginx, caddy) rather than one of the app's assemblies.</summary>
    public static ChildProcess StartProgram(string fileName, IEnumerable<string> args, string workingDirectory)
    {
        var start = new ProcessStartInfo(fileName, args) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        return Launch(start);
    }

    // Started with both output streams collected line by line into the process's output.
    private static ChildProcess Launch(ProcessStartInfo start)
    {
        var child = new ChildProcess(new Process { StartInfo = start });
        child._process.OutputDataReceived += (_, line) => child.Append(line.Data);
        child._process.ErrorDataReceived += (_, line) => child.Append(line.Data);
        child._process.Start();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>The full path of a program on PATH, or null when it is not installed.</summary>
    public static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/usr/bin"]).Select(directory => Path.Combine(directory, name)).FirstOrDefault(File.Exists);

    /// <summary>The tests' one free-port helper: a loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Polls <paramref name="probe"/> until it answers with any status (bounded); fails with the process output otherwise.</summary>
    public async Task WaitUntilAnsweringAsync(HttpClient client, Uri probe)
    {
        var deadline = DateTime.UtcNow + StartLimit;
        while (true)
        {
            Assert.False(HasExited, $"{_process.StartInfo.ArgumentList[0]} exited with {(HasExited ? ExitCode : 0)}:\n{Output}");
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                using var response = await client.GetAsync(probe, timeout.Token);
                return;
            }
            catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
            {
                Assert.True(DateTime.UtcNow < deadline, $"{probe} did not answer within {StartLimit.TotalSeconds} s:\n{Output}");
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Waits (bounded) for the process to end by itself.</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(StartLimit);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception exception) when (exception is InvalidOperationException or OperationCanceledException)
        {
            // Never started, or already gone.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
