using System.Net;
using System.Net.Sockets;

namespace Trachea.Tests.Proxy;

/// <summary>
/// HttpClients whose connections come from another loopback address (any of 127.0.0.0/8 on Linux), so the
/// gateway sees distinct clients by their real socket address, with no test hook in the server.
/// </summary>
public static class LoopbackClient
{
    public static HttpClient From(Uri gateway, string clientAddress, bool followRedirects = true)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = followRedirects,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(clientAddress), 0));
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = gateway };
    }
}
