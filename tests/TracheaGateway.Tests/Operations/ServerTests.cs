using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Trachea.Gateway.Operations;
using Trachea.Tests.EndToEnd;
using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.Operations;

/// <summary>Kestrel limits, graceful shutdown and the container health probe, on the real binary.</summary>
public sealed class ServerTests
{
    [Fact]
    public async Task RequestLineOverLimit_Returns414()
    {
        await using var server = await GatewayServer.StartAsync();
        using var client = server.CreateClient();

        using var response = await client.GetAsync("/healthz?pad=" + new string('a', KestrelLimits.MaxRequestLineSize));

        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
    }

    [Fact]
    public async Task HeadersOverLimit_Returns431()
    {
        await using var server = await GatewayServer.StartAsync();
        using var client = server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        for (var i = 0; i < 5; i++)
        {
            request.Headers.Add($"X-Pad-{i}", new string('h', KestrelLimits.MaxRequestHeadersTotalSize / 4));
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Responses_CarryNoServerHeader()
    {
        await using var server = await GatewayServer.StartAsync();
        using var client = server.CreateClient();

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Headers.Server);
    }

    [Fact]
    public async Task Sigterm_DrainsInFlightRequestThenExitsZero()
    {
        // A high bcrypt work factor makes registration take long enough to be in flight when SIGTERM lands.
        await using var server = await GatewayServer.StartAsync(new Dictionary<string, string> { ["TRACHEA_BCRYPT_WORK_FACTOR"] = "14" });
        using var client = server.CreateClient();
        var started = Stopwatch.StartNew();
        var register = client.PostAsJsonAsync("/auth/register", new { username = TestUsers.UniqueName(), password = TestUsers.Password });
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.False(register.IsCompleted, "the request is still in flight when the gateway is told to stop");

        var exitCode = await server.StopAsync(TimeSpan.FromSeconds(30));
        using var response = await register;

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(0, exitCode);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(30), $"shutdown took {started.Elapsed}");
    }

    [Fact]
    public async Task HealthcheckCommand_ExitsZeroForRunningGatewayAndOneForNone()
    {
        await using var server = await GatewayServer.StartAsync();

        var healthy = await GatewayCommand.RunAsync(new Dictionary<string, string>(), HealthProbe.Command, new Uri(server.Address, "/healthz").ToString());
        var nothing = await GatewayCommand.RunAsync(new Dictionary<string, string>(), HealthProbe.Command, $"http://127.0.0.1:{ChildProcess.FreePort()}/healthz");

        Assert.Equal(0, healthy.ExitCode);
        Assert.Equal(1, nothing.ExitCode);
        Assert.StartsWith("trachea: ", Assert.Single(nothing.ErrorLines), StringComparison.Ordinal);
    }
}
