using System.Net;
using Trachea.Tests.Infrastructure;
using Trachea.Tests.Proxy;
using Trachea.Tests.Sessions;

namespace Trachea.Tests.ForwardAuth;

/// <summary>The session cookie through forward auth, the CSRF rule on the original method, and <c>?redirect=1</c>.</summary>
public sealed class ForwardAuthSessionTests(ForwardAuthFixture fixture) : IClassFixture<ForwardAuthFixture>
{
    private const string Html = "text/html,application/xhtml+xml";

    [Fact]
    public async Task SessionCookie_200WithTheIdentity_AndCsrfAppliesToTheOriginalMethod()
    {
        using var browser = fixture.Gateway.OpenBrowser();
        await browser.SignInOrFailAsync(fixture.Member.Username!);
        var cookie = ("Cookie", $"{Browser.SessionCookie}={browser.Session}");

        using var get = await fixture.VerifyAsync("/required/x", headers: cookie);
        using var crossSitePost = await fixture.VerifyAsync("/required/x", headers: [cookie, ("X-Original-Method", "POST"), ("Sec-Fetch-Site", "cross-site")]);

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(fixture.Member.UserId, Assert.Single(get.Headers.GetValues("X-User-Id")));
        Assert.False(get.Headers.Contains("Set-Cookie"));
        await crossSitePost.AssertProblemAsync(HttpStatusCode.Forbidden, "CSRF_REJECTED");
    }

    [Fact]
    public async Task RedirectMode_BrowserNavigationWithoutCredentials_302ToTheSignInPage()
    {
        using var proxy = LoopbackClient.From(new Uri(fixture.Gateway.Origin), ForwardAuthFixture.KnownProxy, followRedirects: false);

        using var response = await fixture.VerifyAsync("https://app.example.com/required/page?a=1", query: "?redirect=1", from: proxy, headers: ("Accept", Html));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.True(location.IsAbsoluteUri);
        Assert.Equal($"{fixture.Gateway.Origin}/auth/sign_in", location.GetLeftPart(UriPartial.Path));
        Assert.Equal($"?rd={Uri.EscapeDataString("https://app.example.com/required/page?a=1")}", location.Query);
    }

    [Theory]
    [InlineData("", "GET", Html)]
    [InlineData("?redirect=1", "POST", Html)]
    [InlineData("?redirect=1", "GET", "application/json")]
    public async Task WithoutRedirectModeOrNotANavigation_401NeverA3xx(string query, string method, string accept)
    {
        using var response = await fixture.VerifyAsync("/required/page", query: query, headers: [("Accept", accept), ("X-Original-Method", method)]);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "AUTH_REQUIRED");
    }
}
