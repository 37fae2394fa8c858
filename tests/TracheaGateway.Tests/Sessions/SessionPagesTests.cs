using System.Net;
using System.Text;
using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.Sessions;

/// <summary>The sign-in pages and /users/me with the session cookie (real Kestrel).</summary>
public sealed class SessionPagesTests(SessionFixture fixture) : IClassFixture<SessionFixture>
{
    [Fact]
    public async Task SignInPage_IsPlainEncodedHtml_NeverCachedOrFramed()
    {
        using var browser = fixture.Gateway.OpenBrowser();

        using var page = await browser.NavigateAsync("/auth/sign_in?rd=" + Uri.EscapeDataString("/app/\"><script>alert(1)</script>"));
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Equal("no-store", page.Headers.CacheControl!.ToString());
        var csp = string.Join(",", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<label for=\"username\">", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"password\">", html, StringComparison.Ordinal);
        Assert.Contains(TestApps.Demo, html, StringComparison.Ordinal);
        Assert.Contains("href=\"/auth/sign_up", html, StringComparison.Ordinal);
        Assert.NotNull(browser.Cookies.GetValueOrDefault(Browser.CsrfCookie));
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsTheFormAgainWithTheApiWords()
    {
        var (username, _) = await fixture.NewUserAsync();
        using var browser = fixture.Gateway.OpenBrowser();

        using var response = await browser.SignInAsync(username, "wrong-password-123");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Invalid username or password", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(browser.Session);
    }

    [Fact]
    public async Task SignIn_WithoutTheCsrfCookie_Is403()
    {
        var (username, _) = await fixture.NewUserAsync();
        using var browser = fixture.Gateway.OpenBrowser();
        using var page = await browser.NavigateAsync("/auth/sign_in");
        var csrf = Browser.CsrfOf(await page.Content.ReadAsStringAsync());
        browser.Cookies.Remove(Browser.CsrfCookie);

        using var response = await browser.PostFormAsync("/auth/sign_in", new Dictionary<string, string>
        {
            ["username"] = username, ["password"] = TestUsers.Password, ["csrf"] = csrf, ["rd"] = "/",
        });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(browser.Session);
    }

    [Theory]
    [InlineData("//evil.com", "/")]
    [InlineData("https://app.example.com.evil.com/x", "/")]
    [InlineData("javascript:alert(1)", "/")]
    [InlineData("https://app.example.com/home", "https://app.example.com/home")]
    public async Task SignIn_RedirectsOnlyToValidatedTargets(string rd, string location)
    {
        var (username, _) = await fixture.NewUserAsync();
        using var browser = fixture.Gateway.OpenBrowser();

        using var response = await browser.SignInAsync(username, rd: rd);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(location, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SignUp_CreatesTheUserAndSignsIn()
    {
        using var browser = fixture.Gateway.OpenBrowser();
        var username = TestUsers.UniqueName("signup");
        using var page = await browser.NavigateAsync("/auth/sign_up?rd=%2Fapp%2Fwelcome");
        var csrf = Browser.CsrfOf(await page.Content.ReadAsStringAsync());

        using var response = await browser.PostFormAsync("/auth/sign_up", new Dictionary<string, string>
        {
            ["username"] = username, ["password"] = TestUsers.Password, ["name"] = "Zoë <b>", ["csrf"] = csrf, ["rd"] = "/app/welcome",
        });

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/app/welcome", response.Headers.Location!.OriginalString);
        using var me = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/users/me"));
        var profile = await me.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal((username, "Zoë <b>"), (profile.GetProperty("username").GetString(), profile.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task SignUp_TakenUsername_ShowsTheFieldErrorInTheApiWords()
    {
        var (username, _) = await fixture.NewUserAsync();
        using var browser = fixture.Gateway.OpenBrowser();
        using var page = await browser.NavigateAsync("/auth/sign_up");

        using var response = await browser.PostFormAsync("/auth/sign_up", new Dictionary<string, string>
        {
            ["username"] = username, ["password"] = TestUsers.Password, ["csrf"] = Browser.CsrfOf(await page.Content.ReadAsStringAsync()), ["rd"] = "/",
        });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Username is already taken", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersMe_WithSessionCookie_ReadsAndPatchesUnderTheCsrfRule()
    {
        var (browser, userId) = await fixture.SignedInAsync();
        using var _ = browser;

        using var me = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/users/me"));
        Assert.Equal(userId, (await me.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString());

        using var crossSite = Patch("cross-site");
        using var refused = await browser.SendAsync(crossSite);
        await refused.AssertProblemAsync(HttpStatusCode.Forbidden, "CSRF_REJECTED");

        using var sameOrigin = Patch("same-origin");
        using var patched = await browser.SendAsync(sameOrigin);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
    }

    [Fact]
    public async Task UsersMe_WithUnknownCookie_Is401AndClearsIt()
    {
        using var browser = fixture.Gateway.OpenBrowser();
        browser.Cookies[Browser.SessionCookie] = new string('C', 43);

        using var response = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/users/me"));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "AUTH_REQUIRED");
        Assert.Null(browser.Session);
    }

    private static HttpRequestMessage Patch(string fetchSite)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, "/users/me")
        {
            Content = new StringContent("{\"name\":\"Renamed\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", fetchSite);
        return request;
    }
}
