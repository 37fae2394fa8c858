using System.Net;

namespace Trachea.Tests.Proxy;

/// <summary>Identity headers sent by the client never reach the backend, however they are written.</summary>
public sealed class SpoofedHeadersTests(ProxyFixture proxy) : IClassFixture<ProxyFixture>
{
    private static readonly (string Name, string Value)[] Spoofs =
    [
        ("X-User-Id", "spoofed-id"),
        ("x-user-role", "admin"),
        ("X-USER-PLAN", "enterprise"),
        ("X_User_Role", "admin"),
        ("x_user_id", "spoofed-id"),
        ("X.User.Plan", "enterprise"),
        ("x.app.id", "other"),
        ("X-App_Id", "other"),
        ("X-Auth-Provider", "google"),
        ("x_auth.provider", "google"),
        ("X-Trachea-Internal", "1"),
        ("x.trachea_anything", "1"),
        ("X-User-Email", "boss@example.com"),
        ("X-User-Role", "admin"),
        ("X-User-Role", "admin"),
    ];

    [Theory]
    [InlineData("/anonymous", "anonymous")]
    [InlineData("/optional", "anonymous")]
    [InlineData("/anonymous", "member")]
    [InlineData("/required", "member")]
    [InlineData("/optional", "member")]
    [InlineData("/forward", "member")]
    [InlineData("/pro-only", "pro")]
    public async Task SpoofedIdentityHeaders_NeverReachTheBackend(string route, string callerName)
    {
        var caller = proxy[callerName];
        var path = ProxyFixture.UniquePath(route);

        // Raw HTTP, so duplicates really travel as separate header lines.
        var response = await RawHttp.SendAsync(proxy.Address, "GET", path, [.. Spoofs, .. caller.AuthorizationHeader]);

        Assert.Equal(200, response.Status);
        var received = await proxy.SingleReceivedAtAsync(path);
        var identity = IdentityHeadersTests.IdentityLike(received).ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
        if (caller.Token is null || route == "/anonymous")
        {
            Assert.Empty(identity);
            return;
        }

        Assert.Equal(["X-App-Id", "X-Auth-Provider", "X-Trachea-Jwt-Assertion", "X-User-Id", "X-User-Plan", "X-User-Role", "X-User-Username"], identity.Keys.Order(StringComparer.Ordinal));
        Assert.StartsWith("eyJ", identity["X-Trachea-Jwt-Assertion"], StringComparison.Ordinal);
        Assert.Equal(caller.UserId, identity["X-User-Id"]);
        Assert.Equal(caller.Role, identity["X-User-Role"]);
        Assert.Equal(caller.Plan, identity["X-User-Plan"]);
    }

    [Theory]
    [InlineData("X-User-Id")]
    [InlineData("X-User-Id, X-User-Role, X-App-Id")]
    [InlineData("keep-alive, x-user-id")]
    [InlineData("Authorization")]
    public async Task ConnectionHeaderNamingGatewayHeaders_CannotRemoveThem(string connection)
    {
        var path = ProxyFixture.UniquePath("/required");
        var response = await RawHttp.SendAsync(proxy.Address, "GET", path, [("Connection", connection), .. proxy.Member.AuthorizationHeader]);

        Assert.Equal(200, response.Status);
        var received = await proxy.SingleReceivedAtAsync(path);
        Assert.Equal(proxy.Member.UserId, IdentityHeadersTests.Header(received, "X-User-Id"));
        Assert.Equal("member", IdentityHeadersTests.Header(received, "X-User-Role"));
        Assert.Equal("demo", IdentityHeadersTests.Header(received, "X-App-Id"));
        Assert.Null(IdentityHeadersTests.Header(received, "Connection"));
    }

    [Fact]
    public async Task ConnectionHeaderNamingGatewayHeaders_ForwardAuthorizationRouteKeepsAuthorization()
    {
        var path = ProxyFixture.UniquePath("/forward");
        var response = await RawHttp.SendAsync(proxy.Address, "GET", path, [("Connection", "Authorization, X-User-Id"), .. proxy.Member.AuthorizationHeader]);

        Assert.Equal(200, response.Status);
        var received = await proxy.SingleReceivedAtAsync(path);
        Assert.Equal($"Bearer {proxy.Member.Token}", IdentityHeadersTests.Header(received, "Authorization"));
        Assert.Equal(proxy.Member.UserId, IdentityHeadersTests.Header(received, "X-User-Id"));
    }

    [Theory]
    [InlineData("X-User-Id{")]
    [InlineData("X-User-(Id)")]
    [InlineData("X-User-Id\"")]
    public async Task ReservedNameWithCharactersHttpClientRejects_NeverAnInternalError(string name)
    {
        var path = ProxyFixture.UniquePath("/required");
        var response = await RawHttp.SendAsync(proxy.Address, "GET", path, [(name, "spoofed"), .. proxy.Member.AuthorizationHeader]);

        Assert.True(response.Status is 200 or 400, $"got {response.Status}: {response.Body}");
        if (response.Status == 200)
        {
            var received = await proxy.SingleReceivedAtAsync(path);
            Assert.DoesNotContain(received.Headers!, header => header.Value.Contains("spoofed"));
        }
    }

    [Fact]
    public async Task SpoofedHeadersOnDeniedRequest_BackendNeverCalled()
    {
        var path = ProxyFixture.UniquePath("/admin-only");
        var response = await RawHttp.SendAsync(proxy.Address, "GET", path, [("X-User-Role", "admin"), ("X_User_Role", "admin"), .. proxy.Member.AuthorizationHeader]);

        Assert.Equal((int)HttpStatusCode.Forbidden, response.Status);
        Assert.Empty(proxy.ReceivedAt(path));
    }
}
