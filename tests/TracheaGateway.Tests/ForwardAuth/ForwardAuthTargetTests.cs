using System.Net;
using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.ForwardAuth;

/// <summary>
/// The forwarded target: read from X-Original-URL or X-Forwarded-Uri (+ Host, Proto), refused when the headers
/// conflict or do not read as a target, and judged by the proxy's path rules, so no dodge, query or fragment turns
/// the member's deny on the admin routes into an allow.
/// </summary>
public sealed class ForwardAuthTargetTests(ForwardAuthFixture fixture) : IClassFixture<ForwardAuthFixture>
{
    [Theory]
    [InlineData("/api/public/%2e%2e/admin/x")]
    [InlineData("/api/public/%2E%2E/admin/x")]
    [InlineData("/api/public/..%2fadmin/x")]
    [InlineData("/api/public/..%2Fadmin/x")]
    [InlineData("/api/public%2f..%2fadmin/x")]
    [InlineData("/api/public/%252e%252e/admin/x")]
    [InlineData("/api/public/../admin/x")]
    [InlineData("/api/public/./../admin/x")]
    [InlineData("/api/public//../admin/x")]
    [InlineData("//api/admin/x")]
    [InlineData("/api//admin/x")]
    [InlineData("/api/admin//x")]
    [InlineData("/api/admin/x/..")]
    [InlineData("/api/admin%2fx")]
    [InlineData("/api/admin/x?/api/public/y")]
    [InlineData("/api/admin/x?x=/api/public/")]
    [InlineData("/api/admin/x#/../../public/y")]
    [InlineData("/api/public/x#/../../admin/y")]
    [InlineData("/api/public/x%23/../../admin/y")]
    [InlineData("/api/admin/x%23")]
    [InlineData("/api/admin\\x")]
    [InlineData("/api/admin/x;/../../public")]
    [InlineData("/api/public\\..\\admin/x")]
    [InlineData("/api/public/%5C..%5Cadmin/x")]
    [InlineData("/api/admin/../public/x")]
    [InlineData("/api/public%252f..%252fadmin/x")]
    public async Task Dodges_NeverLetTheMemberIntoTheAdminRoute(string target)
    {
        using var bare = await fixture.VerifyAsync(target, fixture.Member);
        using var absolute = await fixture.VerifyAsync($"https://app.example.com{target}", fixture.Member);
        using var forwarded = await fixture.VerifyAsync(null, fixture.Member, headers: [("X-Forwarded-Uri", target), ("X-Forwarded-Host", "app.example.com"), ("X-Forwarded-Proto", "https")]);

        Assert.All([bare, absolute, forwarded], response => Assert.True(
            response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized,
            $"{target}: {(int)response.StatusCode}"));
    }

    [Theory]
    [InlineData("/api/public/x?y=/api/admin/")]
    [InlineData("/api/public/x?%23")]
    public async Task TheSameTargetsTheProxyLetsThrough_Pass(string target)
    {
        using var response = await fixture.VerifyAsync(target);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/required/a", "/required/b")]
    [InlineData("/required/a", "/required/a?x")]
    [InlineData("https://app.example.com/required/a", "/anonymous/a")]
    public async Task ConflictingOriginalUrlAndForwardedUri_403(string originalUrl, string forwardedUri)
    {
        using var response = await fixture.VerifyAsync(originalUrl, fixture.Member, headers: ("X-Forwarded-Uri", forwardedUri));

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "UNTRUSTED_PROXY");
    }

    [Fact]
    public async Task ConflictingHostsOrMethods_403()
    {
        using var hosts = await fixture.VerifyAsync("https://app.example.com/required/a", fixture.Member, headers: ("X-Forwarded-Host", "other.example.com"));
        using var methods = await fixture.VerifyAsync("/required/a", fixture.Member, headers: [("X-Original-Method", "GET"), ("X-Forwarded-Method", "DELETE")]);

        await hosts.AssertProblemAsync(HttpStatusCode.Forbidden, "UNTRUSTED_PROXY");
        await methods.AssertProblemAsync(HttpStatusCode.Forbidden, "UNTRUSTED_PROXY");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("required/a")]
    [InlineData("ftp://app.example.com/required/a")]
    [InlineData("https://user@app.example.com/required/a")]
    [InlineData("https:///required/a")]
    [InlineData("/required/a b")]
    public async Task MissingOrMalformedTarget_403(string? originalUrl)
    {
        using var response = await fixture.VerifyAsync(originalUrl, fixture.Member);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "UNTRUSTED_PROXY");
    }

    [Fact]
    public async Task RepeatedTargetHeader_403()
    {
        using var response = await fixture.VerifyAsync("/anonymous/a", headers: ("X-Original-URL", "/anonymous/b"));

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "UNTRUSTED_PROXY");
    }

    [Fact]
    public async Task ForwardedUriWithHostAndProto_IsTheTarget()
    {
        using var anonymous = await fixture.VerifyAsync(null, headers: [("X-Forwarded-Uri", "/anonymous/a"), ("X-Forwarded-Host", "app.example.com"), ("X-Forwarded-Proto", "https")]);
        using var required = await fixture.VerifyAsync(null, headers: ("X-Forwarded-Uri", "/required/a"));

        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        await required.AssertProblemAsync(HttpStatusCode.Unauthorized, "AUTH_REQUIRED");
    }
}
