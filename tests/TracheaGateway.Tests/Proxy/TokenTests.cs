using System.Net;
using Microsoft.IdentityModel.Tokens;
using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.Proxy;

/// <summary>Only a valid token of the route's own app passes; everything else is a 401 and the backend is never called.</summary>
public sealed class TokenTests(ProxyFixture proxy) : IClassFixture<ProxyFixture>
{
    public static TheoryData<string, string, string> RefusedTokens()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var route in new[] { "/required", "/optional" })
        {
            data.Add(route, "expired beyond the 30 s skew", "TOKEN_EXPIRED");
            data.Add(route, "signed with another secret", "INVALID_TOKEN");
            data.Add(route, "HS512 with the right secret", "INVALID_TOKEN");
            data.Add(route, "without exp", "INVALID_TOKEN");
            data.Add(route, "another issuer", "INVALID_TOKEN");
            data.Add(route, "tampered payload", "INVALID_TOKEN");
            data.Add(route, "alg none", "INVALID_TOKEN");
            data.Add(route, "not a JWT", "INVALID_TOKEN");
            data.Add(route, "signature of 43 characters that are not base64url", "INVALID_TOKEN");
            data.Add(route, "of app other", "INVALID_TOKEN");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task BadToken_Returns401AndBackendNeverCalled(string route, string kind, string code)
    {
        var token = kind switch
        {
            "expired beyond the 30 s skew" => TestTokens.Create(expires: DateTimeOffset.UtcNow.AddSeconds(-45)),
            "signed with another secret" => TestTokens.Create(secret: TestTokens.OtherSecret()),
            "HS512 with the right secret" => TestTokens.Create(secret: GatewayApplication.JwtSecret + GatewayApplication.JwtSecret, algorithm: SecurityAlgorithms.HmacSha512),
            "without exp" => TestTokens.Create(withExpiry: false),
            "another issuer" => TestTokens.Create(issuer: "someone-else"),
            "tampered payload" => TestTokens.Tampered(proxy.Member.Token!),
            "alg none" => TestTokens.WithAlgNone(proxy.Member.Token!),
            "not a JWT" => "not-a-token",
            "signature of 43 characters that are not base64url" => proxy.Member.Token![..(proxy.Member.Token!.LastIndexOf('.') + 1)] + new string('!', 43),
            "of app other" => proxy.OtherAppMember.Token!,
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var path = ProxyFixture.UniquePath(route);

        using var response = await GetWithTokenAsync(path, token);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, code);
        Assert.StartsWith("Bearer error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Empty(proxy.ReceivedAt(path));
    }

    [Fact]
    public async Task TamperedCopyOfAcceptedToken_RefusedWhileOriginalStillPasses()
    {
        var token = TestTokens.Create();
        var first = ProxyFixture.UniquePath("/required");
        var tampered = ProxyFixture.UniquePath("/required");
        var again = ProxyFixture.UniquePath("/required");

        using var accepted = await GetWithTokenAsync(first, token);
        using var refused = await GetWithTokenAsync(tampered, TestTokens.Tampered(token));
        using var acceptedAgain = await GetWithTokenAsync(again, token);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        await refused.AssertProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN");
        Assert.Empty(proxy.ReceivedAt(tampered));
        Assert.Equal(HttpStatusCode.OK, acceptedAgain.StatusCode);
        Assert.Equal("member", (await proxy.SingleReceivedAtAsync(again)).Headers!["X-User-Role"].Single());
    }

    [Fact]
    public async Task ProxiedRequest_IsRecordedInProxyDurationMetric_Only()
    {
        var path = ProxyFixture.UniquePath("/required");
        using (var proxied = await GetWithTokenAsync(path, TestTokens.Create()))
        {
            Assert.Equal(HttpStatusCode.OK, proxied.StatusCode);
        }

        using var client = proxy.CreateClient();
        var text = await client.GetStringAsync("/metrics");

        Assert.Matches("""trachea_proxy_request_duration_seconds_count\{(?=[^}]*route="required")(?=[^}]*http_response_status_code="200")[^}]*\} [1-9]""", text);
        Assert.DoesNotContain("http_route=\"/required/", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenExpiredWithinSkew_Accepted()
    {
        var path = ProxyFixture.UniquePath("/required");

        using var response = await GetWithTokenAsync(path, TestTokens.Create(expires: DateTimeOffset.UtcNow.AddSeconds(-10)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await proxy.SingleReceivedAtAsync(path);
    }

    [Theory]
    [InlineData("/required")]
    [InlineData("/optional")]
    [InlineData("/admin-only")]
    public async Task TwoAuthorizationHeaders_Returns401(string route)
    {
        var path = ProxyFixture.UniquePath(route);
        var response = await RawHttp.SendAsync(proxy.Address, "GET", path, [.. proxy.Admin.AuthorizationHeader, .. proxy.Admin.AuthorizationHeader]);

        Assert.Equal(401, response.Status);
        Assert.Contains("\"INVALID_TOKEN\"", response.Body, StringComparison.Ordinal);
        Assert.NotNull(response.Header("WWW-Authenticate"));
        Assert.Empty(proxy.ReceivedAt(path));
    }

    [Fact]
    public async Task NoToken_Returns401AuthRequiredWithChallenge()
    {
        var path = ProxyFixture.UniquePath("/required");
        using var client = proxy.CreateClient();

        using var response = await client.GetAsync(path);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "AUTH_REQUIRED");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Theory]
    [InlineData("query")]
    [InlineData("cookie")]
    [InlineData("basic")]
    public async Task TokenOutsideTheBearerHeader_IsNotRead(string where)
    {
        var path = ProxyFixture.UniquePath("/required");
        var token = proxy.Admin.Token!;
        using var client = proxy.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, where == "query" ? $"{path}?access_token={token}" : path);
        if (where == "cookie")
        {
            request.Headers.Add("Cookie", $"access_token={token}");
        }
        else if (where == "basic")
        {
            request.Headers.TryAddWithoutValidation("Authorization", $"Basic {token}");
        }

        using var response = await client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "AUTH_REQUIRED");
        Assert.Empty(proxy.ReceivedAt(path));
    }

    [Fact]
    public async Task AnonymousRoute_BadTokenIgnoredAndNotForwarded()
    {
        var path = ProxyFixture.UniquePath("/anonymous");

        using var response = await GetWithTokenAsync(path, TestTokens.Create(expires: DateTimeOffset.UtcNow.AddHours(-1)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = await proxy.SingleReceivedAtAsync(path);
        Assert.Null(IdentityHeadersTests.Header(received, "Authorization"));
        Assert.Empty(IdentityHeadersTests.IdentityLike(received));
    }

    [Fact]
    public async Task TokenOfOtherApp_AcceptedOnlyOnThatAppsRoute()
    {
        using var client = proxy.CreateClient();
        var onOther = ProxyFixture.UniquePath("/other-app");
        var onDemo = ProxyFixture.UniquePath("/required");

        using var accepted = await client.SendAsync(proxy.OtherAppMember.Request(HttpMethod.Get, onOther));
        using var refused = await client.SendAsync(proxy.OtherAppMember.Request(HttpMethod.Get, onDemo));
        using var demoOnOther = await client.SendAsync(proxy.Member.Request(HttpMethod.Get, ProxyFixture.UniquePath("/other-app")));

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        await refused.AssertProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN");
        await demoOnOther.AssertProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN");
        Assert.Empty(proxy.ReceivedAt(onDemo));
    }

    private async Task<HttpResponseMessage> GetWithTokenAsync(string path, string token)
    {
        using var client = proxy.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token}");
        return await client.SendAsync(request);
    }
}
