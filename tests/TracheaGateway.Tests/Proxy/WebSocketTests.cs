using System.Net;
using System.Net.WebSockets;
using System.Text;
using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.Proxy;

/// <summary>A WebSocket upgrade follows its route's rules like any request and carries the same identity headers.</summary>
public sealed class WebSocketTests(ProxyFixture proxy) : IClassFixture<ProxyFixture>
{
    [Fact]
    public async Task ProtectedRoute_WithoutToken_401AndBackendNeverCalled()
    {
        var marker = Guid.NewGuid().ToString("N");
        using var socket = new ClientWebSocket { Options = { CollectHttpResponseDetails = true } };

        await Assert.ThrowsAsync<WebSocketException>(() => ConnectAsync(socket, $"/raw-required/{marker}"));

        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
        Assert.Empty(proxy.RecordingBackend.With(marker));
    }

    [Fact]
    public async Task ProtectedRoute_InsufficientRole_403()
    {
        using var socket = new ClientWebSocket { Options = { CollectHttpResponseDetails = true } };
        socket.Options.SetRequestHeader("Authorization", $"Bearer {proxy.Member.Token}");

        await Assert.ThrowsAsync<WebSocketException>(() => ConnectAsync(socket, $"/admin-only/{Guid.NewGuid():N}"));

        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
    }

    [Fact]
    public async Task ProtectedRoute_WithToken_101AndIdentityHeadersOnTheUpgrade()
    {
        var marker = Guid.NewGuid().ToString("N");
        using var socket = new ClientWebSocket { Options = { CollectHttpResponseDetails = true } };
        socket.Options.SetRequestHeader("Authorization", $"Bearer {proxy.Member.Token}");
        socket.Options.SetRequestHeader("X-User-Role", "admin");

        await ConnectAsync(socket, $"/raw-required/{marker}");

        Assert.Equal(HttpStatusCode.SwitchingProtocols, socket.HttpStatusCode);
        Assert.Equal($"/raw-required/{marker}", await ReceiveTextAsync(socket));
        var received = await proxy.RecordingBackend.SingleWithAsync(marker);
        Assert.True(received.WebSocket);
        Assert.Equal(proxy.Member.UserId, received.Header("X-User-Id"));
        Assert.Equal("member", received.Header("X-User-Role"));
        Assert.Equal("free", received.Header("X-User-Plan"));
        Assert.Equal(TestApps.Demo, received.Header("X-App-Id"));
        Assert.Null(received.Header("Authorization"));
    }

    [Fact]
    public async Task AnonymousRoute_Upgrades_WithoutIdentity()
    {
        var marker = Guid.NewGuid().ToString("N");
        using var socket = new ClientWebSocket { Options = { CollectHttpResponseDetails = true } };
        socket.Options.SetRequestHeader("X-User-Id", "spoofed");

        await ConnectAsync(socket, $"/raw/{marker}");

        Assert.Equal(HttpStatusCode.SwitchingProtocols, socket.HttpStatusCode);
        Assert.Null((await proxy.RecordingBackend.SingleWithAsync(marker)).Header("X-User-Id"));
    }

    private async Task ConnectAsync(ClientWebSocket socket, string path)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(new Uri($"ws://{proxy.Address.Authority}{path}"), timeout.Token);
    }

    private static async Task<string> ReceiveTextAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[1024];
        var result = await socket.ReceiveAsync(buffer, timeout.Token);
        Assert.Equal(WebSocketMessageType.Text, result.MessageType);
        return Encoding.UTF8.GetString(buffer, 0, result.Count);
    }
}
