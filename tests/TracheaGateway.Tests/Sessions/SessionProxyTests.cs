using System.Net;
using System.Net.Http.Headers;
using Trachea.AuthEndpoints.Revocation;
using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.Sessions;

/// <summary>The session cookie on proxied routes (real Kestrel): redirects, identity, CSRF, bearer precedence, revocation.</summary>
public sealed class SessionProxyTests(SessionFixture fixture) : IClassFixture<SessionFixture>
{
    private static string Marker() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Navigation_WithoutCredentials_RedirectsToSignInWithPathAndQuery()
    {
        using var browser = fixture.Gateway.OpenBrowser();

        using var response = await browser.NavigateAsync("/app/page?x=1&y=%2F");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/auth/sign_in?rd=%2Fapp%2Fpage%3Fx%3D1%26y%3D%252F", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("GET", "application/json", null, "/app/x")]
    [InlineData("GET", "text/html", "XMLHttpRequest", "/app/x")]
    [InlineData("POST", "text/html", null, "/app/x")]
    [InlineData("GET", "text/html", null, "/api-only/x")]
    public async Task NotANavigation_WithoutCredentials_Gets401(string method, string accept, string? requestedWith, string path)
    {
        using var browser = fixture.Gateway.OpenBrowser();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        if (requestedWith is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Requested-With", requestedWith);
        }

        using var response = await browser.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "AUTH_REQUIRED");
    }

    [Fact]
    public async Task SignIn_SetsHostSessionCookie_AndTheBackendReceivesTheIdentityWithoutGatewayCookies()
    {
        var (username, userId) = await fixture.NewUserAsync();
        using var browser = fixture.Gateway.OpenBrowser();
        var marker = Marker();

        using var signedIn = await browser.SignInAsync(username, rd: $"/app/{marker}?q=1");

        Assert.Equal(HttpStatusCode.SeeOther, signedIn.StatusCode);
        Assert.Equal($"/app/{marker}?q=1", signedIn.Headers.Location!.OriginalString);
        var cookie = Assert.Single(browser.LastSetCookies, c => c.StartsWith(Browser.SessionCookie + "=", StringComparison.Ordinal));
        Assert.Equal(
            ["httponly", "path=/", "samesite=lax", "secure"],
            cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).Order());
        Assert.Equal(43, browser.Session!.Length);

        browser.Cookies["theme"] = "dark";
        using var page = await browser.NavigateAsync($"/app/{marker}?q=1");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var received = await fixture.Backend.SingleWithAsync(marker);
        Assert.Equal(userId, received.Header("X-User-Id"));
        Assert.Equal(username, received.Header("X-User-Username"));
        Assert.Equal("member", received.Header("X-User-Role"));
        Assert.Equal("theme=dark", received.Header("Cookie"));
    }

    [Theory]
    [InlineData("tampered")]
    [InlineData("well-formed-unknown")]
    public async Task UnknownOrTamperedCookie_IsUnauthenticatedAndCleared(string kind)
    {
        var (browser, _) = await fixture.SignedInAsync();
        using var _ = browser;
        browser.Cookies[Browser.SessionCookie] = kind == "tampered" ? browser.Session![..^2] + "!!" : new string('A', 43);

        using var navigation = await browser.NavigateAsync("/app/x");
        Assert.Equal(HttpStatusCode.Redirect, navigation.StatusCode);
        Assert.Contains(navigation.Headers.GetValues("Set-Cookie"), c => c.StartsWith(Browser.SessionCookie + "=;", StringComparison.Ordinal) && c.Contains("max-age=0", StringComparison.OrdinalIgnoreCase));

        browser.Cookies[Browser.SessionCookie] = new string('B', 43);
        using var api = new HttpRequestMessage(HttpMethod.Get, "/app/x");
        using var refused = await browser.SendAsync(api);
        await refused.AssertProblemAsync(HttpStatusCode.Unauthorized, "AUTH_REQUIRED");
        Assert.Null(browser.Session);
    }

    [Theory]
    [InlineData("cross-site", null, null)]
    [InlineData("same-site", null, null)]
    [InlineData(null, "https://evil.example.net", null)]
    [InlineData(null, "null", null)]
    [InlineData(null, null, "https://evil.example.net/page")]
    [InlineData(null, null, null)]
    public async Task UnsafeRequest_WithSessionFromElsewhere_Is403AndNeverForwarded(string? fetchSite, string? origin, string? referer)
    {
        var (browser, _) = await fixture.SignedInAsync();
        using var _ = browser;
        var marker = Marker();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/app/{marker}") { Content = new StringContent("x") };
        AddHeader(request, "Sec-Fetch-Site", fetchSite);
        AddHeader(request, "Origin", origin);
        AddHeader(request, "Referer", referer);

        using var response = await browser.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "CSRF_REJECTED");
        await Task.Delay(100);
        Assert.Empty(fixture.Backend.With(marker));
    }

    [Theory]
    [InlineData("same-origin", null, null)]
    [InlineData(null, "self", null)]
    [InlineData(null, Browser.TrustedOrigin, null)]
    [InlineData(null, null, "self")]
    public async Task UnsafeRequest_WithSessionFromThisSiteOrATrustedOne_IsForwarded(string? fetchSite, string? origin, string? referer)
    {
        var (browser, userId) = await fixture.SignedInAsync();
        using var _ = browser;
        var marker = Marker();
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/app/{marker}");
        AddHeader(request, "Sec-Fetch-Site", fetchSite);
        AddHeader(request, "Origin", origin == "self" ? browser.Origin : origin);
        AddHeader(request, "Referer", referer == "self" ? browser.Origin + "/app/page" : referer);

        using var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(userId, (await fixture.Backend.SingleWithAsync(marker)).Header("X-User-Id"));
    }

    [Fact]
    public async Task BearerRequest_CrossSiteWithCookie_UsesTheTokenAndIsNotRefused()
    {
        var (browser, _) = await fixture.SignedInAsync();
        using var _ = browser;
        var (username, otherId) = await fixture.NewUserAsync("bearer");
        var tokens = await fixture.Gateway.SignInAsync(otherId);
        var marker = Marker();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/app/{marker}") { Content = new StringContent("x") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "cross-site");

        using var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(username, (await fixture.Backend.SingleWithAsync(marker)).Header("X-User-Username"));
    }

    [Fact]
    public async Task AuthenticatedNavigation_RefusedByARule_Is403NotARedirect()
    {
        var (browser, _) = await fixture.SignedInAsync();
        using var _ = browser;

        using var response = await browser.NavigateAsync("/admin/x");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "INSUFFICIENT_ROLE");
    }

    [Fact]
    public async Task OptionalRoute_WithoutCredentials_PassesAnonymously()
    {
        using var browser = fixture.Gateway.OpenBrowser();
        var marker = Marker();

        using var response = await browser.NavigateAsync($"/maybe/{marker}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null((await fixture.Backend.SingleWithAsync(marker)).Header("X-User-Id"));
    }

    [Fact]
    public async Task SignOut_RevokesTheSession_ClearsTheCookieAndTheOldCookieNoLongerWorks()
    {
        var (browser, _) = await fixture.SignedInAsync();
        using var _ = browser;
        var old = browser.Session!;
        using var confirm = await browser.NavigateAsync("/auth/sign_out");
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Equal(old, browser.Session);

        using var signedOut = await browser.PostFormAsync("/auth/sign_out", new Dictionary<string, string>
        {
            ["csrf"] = Browser.CsrfOf(await confirm.Content.ReadAsStringAsync()),
            ["rd"] = "",
        });

        Assert.Equal(HttpStatusCode.SeeOther, signedOut.StatusCode);
        Assert.Equal("/auth/sign_in", signedOut.Headers.Location!.OriginalString);
        Assert.Contains(signedOut.Headers.GetValues("Set-Cookie"), c => c.StartsWith(Browser.SessionCookie + "=;", StringComparison.Ordinal) && c.Contains("max-age=0", StringComparison.OrdinalIgnoreCase));
        browser.Cookies[Browser.SessionCookie] = old;
        using var after = await browser.NavigateAsync("/app/x");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task SignOut_WithoutCsrfToken_Is403AndTheSessionStays()
    {
        var (browser, _) = await fixture.SignedInAsync();
        using var _ = browser;

        using var refused = await browser.PostFormAsync("/auth/sign_out", new Dictionary<string, string> { ["csrf"] = "forged" });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("CSRF", await refused.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        using var still = await browser.NavigateAsync("/app/x");
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    [Fact]
    public async Task SignInPage_VisitedWhileSignedIn_EndsThatSession()
    {
        var (browser, _) = await fixture.SignedInAsync();
        using var _ = browser;
        var old = browser.Session!;

        using var page = await browser.NavigateAsync("/auth/sign_in");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Null(browser.Session);
        browser.Cookies[Browser.SessionCookie] = old;
        using var after = await browser.NavigateAsync("/app/x");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task MembershipRevocation_EndsTheSessionAtOnce()
    {
        var (browser, userId) = await fixture.SignedInAsync();
        using var _ = browser;
        using (var before = await browser.NavigateAsync("/app/x"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await fixture.Gateway.Service<RevocationService>().RevokeMembershipsAsync(userId, null, "test", CancellationToken.None);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/app/x");
        using var after = await browser.SendAsync(request);
        await after.AssertProblemAsync(HttpStatusCode.Unauthorized, "TOKEN_REVOKED");
    }

    private static void AddHeader(HttpRequestMessage request, string name, string? value)
    {
        if (value is not null)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }
}
