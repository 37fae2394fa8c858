using System.Net;
using WireMock;

namespace Trachea.Tests.Proxy;

/// <summary>
/// Paths written to dodge a route's rule, sent byte for byte to the real Kestrel. Kestrel decodes them (but
/// %2F) and resolves dot segments before routing; the gateway checks and forwards exactly that result, and a
/// protected route refuses whatever is still ambiguous with 422 VALIDATION_ERROR. "{m}" is a marker that is
/// replaced by a fresh id.
/// </summary>
public sealed class PathDodgeTests(ProxyFixture proxy) : IClassFixture<ProxyFixture>
{
    public static TheoryData<string, int, string?> DodgesOfAdminRoute() => new()
    {
        { "/api/%61dmin/{m}", 403, "INSUFFICIENT_ROLE" },
        { "/api/%41DMIN/{m}", 403, "INSUFFICIENT_ROLE" },
        { "/API/ADMIN/{m}", 403, "INSUFFICIENT_ROLE" },
        { "/Api/aDmin/{m}", 403, "INSUFFICIENT_ROLE" },
        { "/api/public/../admin/{m}", 403, "INSUFFICIENT_ROLE" },
        { "/api/public/%2e%2e/admin/{m}", 403, "INSUFFICIENT_ROLE" },
        { "/api/public/%2E%2E/admin/{m}", 403, "INSUFFICIENT_ROLE" },
        { "/api/public/.%2e/admin/{m}", 403, "INSUFFICIENT_ROLE" },
        { "/api/./admin/{m}", 403, "INSUFFICIENT_ROLE" },
        { "/api/public/../../api/admin/{m}", 403, "INSUFFICIENT_ROLE" },
        { "/api/admin/", 403, "INSUFFICIENT_ROLE" },
        { "/api/admin", 403, "INSUFFICIENT_ROLE" },
        { "/api/admin/{m}/", 403, "INSUFFICIENT_ROLE" },
        { "/api/%70ro/{m}", 403, "INSUFFICIENT_PLAN" },
        { "/api/public/../pro/{m}", 403, "INSUFFICIENT_PLAN" },
        { "/api//admin/{m}", 422, "VALIDATION_ERROR" },
        { "/api/admin./{m}", 422, "VALIDATION_ERROR" },
        { "/api/admin../{m}", 422, "VALIDATION_ERROR" },
        { "/api/admin%2e/{m}", 422, "VALIDATION_ERROR" },
        { "/api/admin%20/{m}", 422, "VALIDATION_ERROR" },
        { "/api/admin;v=1/{m}", 422, "VALIDATION_ERROR" },
        { "/api/x/..%2Fadmin/{m}", 422, "VALIDATION_ERROR" },
        { "/api/x/..%2fadmin/{m}", 422, "VALIDATION_ERROR" },
        { "/api/admin%2F{m}", 422, "VALIDATION_ERROR" },
        { "/api/x%5C..%5Cadmin/{m}", 422, "VALIDATION_ERROR" },
        { "/api/x%5c..%5cadmin/{m}", 422, "VALIDATION_ERROR" },
        { "/api/%252e%252e/admin/{m}", 422, "VALIDATION_ERROR" },
        { "/api/x/%252F/admin/{m}", 422, "VALIDATION_ERROR" },
        { "/api%2Fadmin/{m}", 404, null },
        { "/api%2fadmin/{m}", 404, null },
    };

    [Theory]
    [MemberData(nameof(DodgesOfAdminRoute))]
    public async Task DodgedPath_MemberRefusedAndBackendNeverCalled(string template, int status, string? code)
    {
        var before = proxy.Backend.LogEntries.Count;

        var response = await RawHttp.SendAsync(proxy.Address, "GET", Mark(template), proxy.Member.AuthorizationHeader);

        Assert.True(status == response.Status, $"expected {status}, got {response.Status}: {response.Body}");
        if (code is not null)
        {
            Assert.Contains($"\"code\":\"{code}\"", response.Body, StringComparison.Ordinal);
        }

        Assert.Equal(before, proxy.Backend.LogEntries.Count);
    }

    [Theory]
    [MemberData(nameof(DodgesOfAdminRoute))]
    public async Task DodgedPath_AnonymousRefusedAndBackendNeverCalled(string template, int status, string? code)
    {
        var before = proxy.Backend.LogEntries.Count;

        var response = await RawHttp.SendAsync(proxy.Address, "GET", Mark(template));

        // The path rules run before authentication, so ambiguous paths are refused the same way for everybody.
        var expected = status == 403 ? 401 : status;
        Assert.True(expected == response.Status, $"expected {expected}, got {response.Status}: {response.Body}");
        Assert.Contains(code is null ? "" : status == 403 ? "\"code\":\"AUTH_REQUIRED\"" : $"\"code\":\"{code}\"", response.Body, StringComparison.Ordinal);
        Assert.Equal(before, proxy.Backend.LogEntries.Count);
    }

    [Theory]
    [InlineData("/api/%61dmin/{m}", "/api/admin/{m}")]
    [InlineData("/API/ADMIN/{m}", "/API/ADMIN/{m}")]
    [InlineData("/api/public/../admin/{m}", "/api/admin/{m}")]
    [InlineData("/api/public/%2e%2e/admin/{m}", "/api/admin/{m}")]
    [InlineData("/api/./admin/{m}/", "/api/admin/{m}/")]
    public async Task NormalisedPath_AdminAllowedAndBackendGetsWhatWasChecked(string template, string forwarded)
    {
        var marker = Guid.NewGuid().ToString("N");

        var response = await RawHttp.SendAsync(proxy.Address, "GET", template.Replace("{m}", marker, StringComparison.Ordinal), proxy.Admin.AuthorizationHeader);

        Assert.Equal(200, response.Status);
        var received = await ReceivedWithAsync(marker);
        Assert.Equal(forwarded.Replace("{m}", marker, StringComparison.Ordinal), received.Path);
        Assert.Equal("admin", IdentityHeadersTests.Header(received, "X-User-Role"));
    }

    [Theory]
    [InlineData("/api/public/%252e%252e/admin/{m}")]
    [InlineData("/api/public/%252E%252E/admin/{m}")]
    [InlineData("/api/public/%25252e/admin/{m}")]
    [InlineData("/api/public/%2561dmin/{m}")]
    [InlineData("/api/public/x%25")]
    public async Task DoubleEncodedPath_RefusedEvenOnAnonymousRoute(string template)
    {
        // Kestrel decodes once; forwarded as it is, "%2e%2e" would be decoded again by the backend into "..".
        var before = proxy.Backend.LogEntries.Count;

        var response = await RawHttp.SendAsync(proxy.Address, "GET", Mark(template), proxy.Admin.AuthorizationHeader);

        Assert.True(response.Status == 422, $"expected 422, got {response.Status}: {response.Body}");
        Assert.Contains("\"code\":\"VALIDATION_ERROR\"", response.Body, StringComparison.Ordinal);
        Assert.Equal(before, proxy.Backend.LogEntries.Count);
    }

    [Theory]
    [InlineData("/api/public/admin%2F{m}")]
    [InlineData("/api/public/x%5Cadmin/{m}")]
    [InlineData("/api/public//admin/{m}")]
    public async Task DodgeThroughAnonymousRoute_ArrivesUnderThePublicPathWithoutIdentity(string template)
    {
        // Anonymous routes forward what resolves the same however the backend splits it (a dot segment beside an
        // encoded separator is refused on every route, PathFidelityTests); nothing about the caller travels with
        // them, even with an admin token.
        var marker = Guid.NewGuid().ToString("N");

        var response = await RawHttp.SendAsync(proxy.Address, "GET", template.Replace("{m}", marker, StringComparison.Ordinal), proxy.Admin.AuthorizationHeader);

        Assert.Equal(200, response.Status);
        var received = await ReceivedWithAsync(marker);
        Assert.StartsWith("/api/public/", received.Path, StringComparison.Ordinal);
        Assert.Empty(IdentityHeadersTests.IdentityLike(received));
        Assert.Null(IdentityHeadersTests.Header(received, "Authorization"));
    }

    private static string Mark(string template) => template.Replace("{m}", Guid.NewGuid().ToString("N"), StringComparison.Ordinal);

    private async Task<IRequestMessage> ReceivedWithAsync(string marker)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            var found = proxy.Backend.LogEntries.Select(e => e.RequestMessage).Where(r => r.Url.Contains(marker, StringComparison.Ordinal)).ToList();
            if (found.Count > 0)
            {
                return Assert.Single(found);
            }

            await Task.Delay(20);
        }

        throw new Xunit.Sdk.XunitException($"the backend never received a request with {marker}");
    }
}
