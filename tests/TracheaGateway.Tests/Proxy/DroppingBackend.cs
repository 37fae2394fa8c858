using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Trachea.Tests.Proxy;

/// <summary>
/// A backend that answers GET and closes the connection on anything else without a response, after reading
/// its headers: the failure HTTP clients are tempted to retry on a kept-alive connection. A GET of a path under
/// <see cref="BodilessPrefix"/> gets a 404 without body, length or content type (chunked, no chunks).
/// </summary>
public sealed class DroppingBackend : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<(int Connection, string Line)> _requests = new();
    private int _connections;

    public DroppingBackend()
    {
        _listener.Start();
        _ = AcceptAsync();
    }

    public const string BodilessPrefix = "/drop/bodiless";

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Every request that arrived: the number of its connection and its request line ("POST /drop/x HTTP/1.1").</summary>
    public IReadOnlyCollection<(int Connection, string Line)> Requests => _requests;

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(client, Interlocked.Increment(ref _connections));
        }
    }

    private async Task ServeAsync(TcpClient client, int connection)
    {
        using (client)
        {
            var stream = client.GetStream();
            try
            {
                while (await ReadHeadAsync(stream) is { } requestLine)
                {
                    _requests.Enqueue((connection, requestLine));
                    if (!requestLine.StartsWith("GET ", StringComparison.Ordinal))
                    {
                        return;
                    }

                    var answer = requestLine.StartsWith($"GET {BodilessPrefix}", StringComparison.Ordinal)
                        ? "HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"u8
                        : "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"u8;
                    await stream.WriteAsync(answer.ToArray(), _stop.Token);
                }
            }
            catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The gateway went away; nothing to answer.
            }
        }
    }

    /// <returns>The request line, or null when the connection closed first.</returns>
    private async Task<string?> ReadHeadAsync(NetworkStream stream)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, timeout.Token) == 0)
            {
                return null;
            }

            head.Append((char)one[0]);
        }

        return head.ToString()[..head.ToString().IndexOf("\r\n", StringComparison.Ordinal)];
    }
}
