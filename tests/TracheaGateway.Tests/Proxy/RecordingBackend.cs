using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Trachea.Tests.Proxy;

/// <summary>
/// A Kestrel backend on loopback that records each request exactly as it arrived: the raw request target (which
/// WireMock would normalise) and the headers. It answers 200, and accepts a WebSocket upgrade, sending the raw
/// target back as one text message before closing.
/// </summary>
public sealed class RecordingBackend : IDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Received> _received = new();

    public RecordingBackend()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.UseWebSockets();
        _app.Run(ServeAsync);
        _app.StartAsync().GetAwaiter().GetResult();
        Url = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
    }

    public string Url { get; }

    /// <summary>Waits (bounded) until one request whose raw target contains <paramref name="marker"/> arrived, and returns it.</summary>
    public async Task<Received> SingleWithAsync(string marker)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            var found = With(marker);
            if (found.Count > 0)
            {
                return Assert.Single(found);
            }

            await Task.Delay(20);
        }

        throw new Xunit.Sdk.XunitException($"the backend never received a request with {marker}");
    }

    /// <summary>Every request so far whose raw target contains <paramref name="marker"/>.</summary>
    public IReadOnlyList<Received> With(string marker) => _received.Where(r => r.RawTarget.Contains(marker, StringComparison.Ordinal)).ToList();

    public void Dispose() => _app.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task ServeAsync(HttpContext context)
    {
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
        _received.Enqueue(new Received(rawTarget, headers, context.WebSockets.IsWebSocketRequest));
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await context.Response.WriteAsync("ok");
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        await socket.SendAsync(Encoding.UTF8.GetBytes(rawTarget), WebSocketMessageType.Text, endOfMessage: true, context.RequestAborted);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", context.RequestAborted);
    }

    /// <summary>One request as the backend saw it.</summary>
    public sealed record Received(string RawTarget, IReadOnlyDictionary<string, string?[]> Headers, bool WebSocket)
    {
        /// <returns>Every value of the header joined with ",", or null when it is absent.</returns>
        public string? Header(string name) => Headers.TryGetValue(name, out var values) ? string.Join(",", values) : null;
    }
}
