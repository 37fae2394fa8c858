using System.Net;

namespace Trachea.Tests.Proxy;

/// <summary>Anonymous counts behind a known proxy (TRACHEA_KNOWN_PROXIES): the forwarded address counts, and only from that proxy.</summary>
public sealed class RateLimitProxyAddressTests : IDisposable
{
    private const string KnownProxy = "127.0.0.7";

    private readonly RateLimitGateway _gateway = RateLimitGateway.With(new Dictionary<string, string?> { ["Trachea:KnownProxies"] = KnownProxy });

    [Fact]
    public async Task ThroughTheKnownProxy_EachForwardedAddressHasItsOwnCount()
    {
        using var proxy = LoopbackClient.From(_gateway.Address, KnownProxy);

        var first = await StatusesAsync(proxy, "203.0.113.1", "203.0.113.1", "203.0.113.1");
        var second = await StatusesAsync(proxy, "203.0.113.2");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], first);
        Assert.Equal([HttpStatusCode.OK], second);
    }

    [Fact]
    public async Task FromAnotherPeer_ForwardedForIsIgnored()
    {
        using var stranger = LoopbackClient.From(_gateway.Address, "127.0.0.8");

        var statuses = await StatusesAsync(stranger, "203.0.113.11", "203.0.113.12", "203.0.113.13");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    public void Dispose() => _gateway.Dispose();

    private async Task<List<HttpStatusCode>> StatusesAsync(HttpClient client, params string[] forwardedFor)
    {
        var statuses = new List<HttpStatusCode>();
        foreach (var address in forwardedFor)
        {
            var (response, _) = await _gateway.GetAsync("/limited", client: client, forwardedFor: address);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }
}
