using System.Net;
using Trachea.Tests.Infrastructure;
using WireMock;

namespace Trachea.Tests.Proxy;

/// <summary>Exactly which identity headers (and Authorization) reach the backend, per kind of route and caller.</summary>
public sealed class IdentityHeadersTests(ProxyFixture proxy) : IClassFixture<ProxyFixture>
{
    private static readonly string[] ForwardedIdentity = ["X-User-Id", "X-User-Username", "X-User-Role", "X-User-Plan", "X-App-Id", "X-Auth-Provider"];

    [Theory]
    [InlineData("/anonymous", "anonymous", HttpStatusCode.OK, false, false)]
    [InlineData("/anonymous", "member", HttpStatusCode.OK, false, false)]
    [InlineData("/anonymous", "admin", HttpStatusCode.OK, false, false)]
    [InlineData("/anonymous", "pro", HttpStatusCode.OK, false, false)]
    [InlineData("/required", "anonymous", HttpStatusCode.Unauthorized, false, false)]
    [InlineData("/required", "member", HttpStatusCode.OK, true, false)]
    [InlineData("/required", "admin", HttpStatusCode.OK, true, false)]
    [InlineData("/required", "pro", HttpStatusCode.OK, true, false)]
    [InlineData("/optional", "anonymous", HttpStatusCode.OK, false, false)]
    [InlineData("/optional", "member", HttpStatusCode.OK, true, false)]
    [InlineData("/optional", "admin", HttpStatusCode.OK, true, false)]
    [InlineData("/optional", "pro", HttpStatusCode.OK, true, false)]
    [InlineData("/admin-only", "anonymous", HttpStatusCode.Unauthorized, false, false)]
    [InlineData("/admin-only", "member", HttpStatusCode.Forbidden, false, false)]
    [InlineData("/admin-only", "admin", HttpStatusCode.OK, true, false)]
    [InlineData("/admin-only", "pro", HttpStatusCode.Forbidden, false, false)]
    [InlineData("/pro-only", "anonymous", HttpStatusCode.Unauthorized, false, false)]
    [InlineData("/pro-only", "member", HttpStatusCode.Forbidden, false, false)]
    [InlineData("/pro-only", "admin", HttpStatusCode.Forbidden, false, false)]
    [InlineData("/pro-only", "pro", HttpStatusCode.OK, true, false)]
    [InlineData("/forward", "anonymous", HttpStatusCode.Unauthorized, false, false)]
    [InlineData("/forward", "member", HttpStatusCode.OK, true, true)]
    [InlineData("/forward", "pro", HttpStatusCode.OK, true, true)]
    public async Task RouteAndCaller_ForwardsExactlyTheExpectedHeaders(string route, string callerName, HttpStatusCode status, bool identity, bool authorization)
    {
        var caller = proxy[callerName];
        var path = ProxyFixture.UniquePath(route);
        using var client = proxy.CreateClient();
        using var request = caller.Request(HttpMethod.Get, path);

        using var response = await client.SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        if (status != HttpStatusCode.OK)
        {
            Assert.Empty(proxy.ReceivedAt(path));
            return;
        }

        var received = await proxy.SingleReceivedAtAsync(path);
        var expected = identity
            ? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["X-User-Id"] = caller.UserId!,
                ["X-User-Username"] = caller.Username!.ToLowerInvariant(),
                ["X-User-Role"] = caller.Role,
                ["X-User-Plan"] = caller.Plan,
                ["X-App-Id"] = TestApps.Demo,
                ["X-Auth-Provider"] = "username",
            }
            : [];
        var forwarded = IdentityLike(received).ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
        // Its value is a fresh signature (docs/assertion.md); here only whether it is there.
        Assert.Equal(identity, forwarded.Remove(Trachea.AuthEndpoints.Assertions.AssertionClaims.Header));
        Assert.Equal(expected.OrderBy(h => h.Key), forwarded.OrderBy(h => h.Key));
        Assert.Equal(authorization ? $"Bearer {caller.Token}" : null, Header(received, "Authorization"));
    }

    [Fact]
    public async Task UserWithoutEmail_EmailHeaderOmitted()
    {
        var received = await ForwardAsync(proxy.Member, "/required");

        Assert.Null(Header(received, "X-User-Email"));
        Assert.All(ForwardedIdentity, name => Assert.NotNull(Header(received, name)));
    }

    [Fact]
    public async Task NonAsciiEmail_200AndSentPercentEncodedAsUtf8()
    {
        var username = TestUsers.UniqueName("zoe");
        var registered = await proxy.App.RegisterAsync(username);
        using (var client = proxy.App.CreateClient(registered.AccessToken))
        {
            using var patch = await client.PatchAsJsonAsync("/users/me", new { email = $"zoë.{username}@exämple.com" });
            patch.EnsureSuccessStatusCode();
        }

        using var anonymous = proxy.CreateClient();
        using var login = await anonymous.PostAsJsonAsync("/auth/login", new { username, password = TestUsers.Password });
        login.EnsureSuccessStatusCode();
        var token = (await TokenPair.ReadAsync(login)).AccessToken;
        var marker = Guid.NewGuid().ToString("N");

        var response = await RawHttp.SendAsync(proxy.Address, "GET", $"/raw-required/{marker}", ("Authorization", $"Bearer {token}"));

        Assert.True(response.Status == 200, $"expected 200, got {response.Status}: {response.Body}");
        var received = await proxy.RecordingBackend.SingleWithAsync(marker);
        Assert.Equal($"zo%C3%AB.{username}@ex%C3%A4mple.com", received.Header("X-User-Email"));
        Assert.Equal(username, received.Header("X-User-Username"));
    }

    [Fact]
    public async Task RouteOfAnotherApp_ForwardsThatAppsIdentity()
    {
        var received = await ForwardAsync(proxy.OtherAppMember, "/other-app");

        Assert.Equal(TestApps.Other, Header(received, "X-App-Id"));
        Assert.Equal(proxy.OtherAppMember.UserId, Header(received, "X-User-Id"));
    }

    [Theory]
    [InlineData("/required", "anonymous")]
    [InlineData("/admin-only", "member")]
    [InlineData("/pro-only", "admin")]
    [InlineData("/forward", "anonymous")]
    [InlineData("/other-app", "member")]
    [InlineData("/required", "other-app")]
    public async Task DeniedPost_NeverReachesTheBackend(string route, string callerName)
    {
        var path = ProxyFixture.UniquePath(route);
        using var client = proxy.CreateClient();
        using var request = proxy[callerName].Request(HttpMethod.Post, path);
        request.Content = JsonContent.Create(new { order = 1 });

        using var response = await client.SendAsync(request);

        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{path}: {response.StatusCode}");
        Assert.Empty(proxy.ReceivedAt(path));
    }

    private async Task<IRequestMessage> ForwardAsync(Caller caller, string route)
    {
        var path = ProxyFixture.UniquePath(route);
        using var client = proxy.CreateClient();
        using var request = caller.Request(HttpMethod.Get, path);
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await proxy.SingleReceivedAtAsync(path);
    }

    internal static string? Header(IRequestMessage request, string name) =>
        request.Headers!.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)) is { Key: not null } header
            ? string.Join(",", header.Value)
            : null;

    /// <summary>Every header whose name a backend could take for an identity header (any case, '-', '_' or '.').</summary>
    internal static IEnumerable<KeyValuePair<string, string>> IdentityLike(IRequestMessage request) =>
        request.Headers!
            .Where(h => h.Key.ToLowerInvariant().Replace('_', '-').Replace('.', '-') is var name
                && (name.StartsWith("x-user-", StringComparison.Ordinal) || name.StartsWith("x-app-", StringComparison.Ordinal)
                    || name.StartsWith("x-auth-", StringComparison.Ordinal) || name.StartsWith("x-trachea-", StringComparison.Ordinal)))
            .Select(h => new KeyValuePair<string, string>(h.Key, string.Join(",", h.Value)));
}
