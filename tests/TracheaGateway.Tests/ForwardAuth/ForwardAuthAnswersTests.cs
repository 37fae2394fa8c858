using System.Net;
using Trachea.Tests.Infrastructure;
using Trachea.Tests.Proxy;

namespace Trachea.Tests.ForwardAuth;

/// <summary>/auth/verify's answers (docs/forward-auth.md): 200 with every identity header, 401, 403, never a 3xx.</summary>
public sealed class ForwardAuthAnswersTests(ForwardAuthFixture fixture) : IClassFixture<ForwardAuthFixture>
{
    private static readonly string[] IdentityHeaders = ["X-User-Id", "X-User-Email", "X-User-Username", "X-User-Role", "X-User-Plan", "X-App-Id", "X-Auth-Provider"];

    [Fact]
    public async Task Member_200WithAllSevenIdentityHeadersAndTheAssertion_NoBodyNoCookie()
    {
        using var response = await fixture.VerifyAsync("https://app.example.com/required/page?x=1", fixture.Member);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(fixture.Member.UserId, Header(response, "X-User-Id"));
        Assert.Equal(fixture.Member.Username, Header(response, "X-User-Username"));
        Assert.Equal("member", Header(response, "X-User-Role"));
        Assert.Equal("free", Header(response, "X-User-Plan"));
        Assert.Equal(TestApps.Demo, Header(response, "X-App-Id"));
        Assert.Equal("username", Header(response, "X-Auth-Provider"));
        Assert.Equal("", Header(response, "X-User-Email"));
        Assert.Equal(3, Header(response, "X-Trachea-Jwt-Assertion")!.Split('.').Length);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task ClientsOwnIdentityHeaders_NeverComeOutOfA200()
    {
        (string, string)[] spoofed = [.. IdentityHeaders.Select(name => (name, "spoofed")), ("X-Trachea-Jwt-Assertion", "spoofed")];

        using var member = await fixture.VerifyAsync("/required/x", fixture.Member, headers: spoofed);
        using var anonymous = await fixture.VerifyAsync("/anonymous/x", headers: spoofed);
        using var optional = await fixture.VerifyAsync("/optional/x", headers: spoofed);

        Assert.Equal("member", Header(member, "X-User-Role"));
        foreach (var response in new[] { anonymous, optional })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.All(IdentityHeaders, name => Assert.Equal("", Header(response, name)));
            Assert.False(response.Headers.Contains("X-Trachea-Jwt-Assertion"));
        }
    }

    [Fact]
    public async Task NoToken_401WithChallenge()
    {
        using var response = await fixture.VerifyAsync("/required/x");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "AUTH_REQUIRED");
        Assert.NotEmpty(response.Headers.WwwAuthenticate);
    }

    [Fact]
    public async Task BadToken_401InvalidToken()
    {
        using var response = await fixture.VerifyAsync("/required/x", fixture.Member with { Token = TestTokens.Tampered(fixture.Member.Token!) });

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "INVALID_TOKEN");
    }

    [Theory]
    [InlineData("/admin-only/x", HttpStatusCode.Forbidden, "INSUFFICIENT_ROLE")]
    [InlineData("/pro-only/x", HttpStatusCode.Forbidden, "INSUFFICIENT_PLAN")]
    [InlineData("/other-app/x", HttpStatusCode.Unauthorized, "INVALID_TOKEN")]
    public async Task RouteRules_RefuseAsTheProxyDoes(string target, HttpStatusCode status, string code)
    {
        using var response = await fixture.VerifyAsync(target, fixture.Member);

        await response.AssertProblemAsync(status, code);
    }

    [Fact]
    public async Task Admin_PassesTheAdminRoute()
    {
        using var response = await fixture.VerifyAsync("/admin-only/x", fixture.Admin);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("admin", Header(response, "X-User-Role"));
    }

    [Fact]
    public async Task LoggedOutToken_401TokenRevoked()
    {
        var caller = await fixture.CallerAsync("leaver", "member");
        using (var client = fixture.Gateway.CreateClient(caller.Token!))
        using (var logout = await client.PostAsync("/auth/logout", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        using var response = await fixture.VerifyAsync("/required/x", caller);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "TOKEN_REVOKED");
    }

    [Fact]
    public async Task FromAnAddressOutsideKnownProxies_403UntrustedProxy()
    {
        using var stranger = LoopbackClient.From(new Uri(fixture.Gateway.Origin), ForwardAuthFixture.Stranger);

        using var response = await fixture.VerifyAsync("/required/x", fixture.Member, from: stranger);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "UNTRUSTED_PROXY");
    }

    [Fact]
    public async Task KnownProxyNamingItsClientInXForwardedFor_IsStillTheKnownProxy()
    {
        using var response = await fixture.VerifyAsync("/required/x", fixture.Member, headers: ("X-Forwarded-For", "203.0.113.9"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task UnroutedTarget_IsAuthRequiredForTheDefaultApp()
    {
        using var anonymous = await fixture.VerifyAsync("/nowhere/x");
        using var member = await fixture.VerifyAsync("/nowhere/x", fixture.Member);

        await anonymous.AssertProblemAsync(HttpStatusCode.Unauthorized, "AUTH_REQUIRED");
        Assert.Equal(HttpStatusCode.OK, member.StatusCode);
        Assert.Equal(fixture.Member.UserId, Header(member, "X-User-Id"));
    }

    [Fact]
    public async Task RouteParameter_NamesTheRoute_UnknownIs403()
    {
        using var named = await fixture.VerifyAsync("/anonymous/x", fixture.Member, "?route=admin-only");
        using var unknown = await fixture.VerifyAsync("/anonymous/x", fixture.Member, "?route=no-such-route");

        await named.AssertProblemAsync(HttpStatusCode.Forbidden, "INSUFFICIENT_ROLE");
        await unknown.AssertProblemAsync(HttpStatusCode.Forbidden, "UNTRUSTED_PROXY");
    }

    [Fact]
    public async Task AnyMethod_IsAnswered()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/verify");
        request.Headers.TryAddWithoutValidation("X-Original-URL", "/required/x");
        request.Headers.Authorization = new("Bearer", fixture.Member.Token);
        request.Content = new StringContent("ignored");

        using var response = await fixture.Proxy.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? Assert.Single(values) : null;
}
