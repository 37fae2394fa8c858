using System.Net;
using Trachea.Tests.Firebase;
using Trachea.Tests.Infrastructure;
using Trachea.Tests.Proxy;

namespace Trachea.Tests.Sessions;

/// <summary>
/// POST /auth/session (real Kestrel): a page of the public or a trusted origin trades a fresh Firebase ID token for
/// the session cookie; any other origin is refused as CSRF, and a sign-in older than 5 minutes is refused.
/// </summary>
public sealed class FirebaseSessionTests : IDisposable
{
    private readonly FirebaseGatewayTokens _tokens = new();
    private readonly RecordingBackend _backend = new();
    private readonly BrowserGateway _gateway;

    public FirebaseSessionTests() => _gateway = new BrowserGateway(_backend.Url, settings: _tokens.Settings);

    [Fact]
    public async Task FreshSignIn_FromThePublicOrigin_Returns204WithTheSessionCookie_WhichReachesProxiedRoutes()
    {
        using var browser = _gateway.OpenBrowser();

        using var response = await PostAsync(browser, browser.Origin, FreshToken(), "/app/after-firebase");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("/app/after-firebase", response.Headers.Location?.OriginalString);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var cookie = Assert.Single(browser.LastSetCookies, value => value.StartsWith($"{Browser.SessionCookie}=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);

        using var page = await browser.NavigateAsync("/app/after-firebase");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var received = await _backend.SingleWithAsync("/app/after-firebase");
        Assert.False(string.IsNullOrEmpty(received.Header("X-User-Id")));
        Assert.Equal(TestApps.Demo, received.Header("X-App-Id"));
    }

    [Fact]
    public async Task FromATrustedOrigin_StartsASession()
    {
        using var browser = _gateway.OpenBrowser();

        using var response = await PostAsync(browser, Browser.TrustedOrigin, FreshToken(), rd: null);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        Assert.NotNull(browser.Session);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("null")]
    [InlineData("https://evil.com")]
    [InlineData("https://trusted.example.com.evil.com")]
    [InlineData("http://trusted.example.com")]
    [InlineData("http://127.0.0.1:1")]
    public async Task FromAnyOtherOrigin_Returns403CsrfRejected_AndNoSession(string? origin)
    {
        using var browser = _gateway.OpenBrowser();

        using var response = await PostAsync(browser, origin, FreshToken(), "/app/");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "CSRF_REJECTED");
        Assert.Null(browser.Session);
    }

    [Fact]
    public async Task SignInOlderThanFiveMinutes_Returns401_AndNoSession()
    {
        using var browser = _gateway.OpenBrowser();
        var stale = _tokens.Token(TestUsers.UniqueName("uid"), "google.com", null, null, signedInAgo: TimeSpan.FromMinutes(6));

        using var response = await PostAsync(browser, browser.Origin, stale, "/app/");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "INVALID_FIREBASE_TOKEN");
        Assert.Null(browser.Session);
    }

    [Fact]
    public async Task SignInFourMinutesAgo_IsStillFresh()
    {
        using var browser = _gateway.OpenBrowser();
        var recent = _tokens.Token(TestUsers.UniqueName("uid"), "google.com", null, null, signedInAgo: TimeSpan.FromMinutes(4));

        using var response = await PostAsync(browser, browser.Origin, recent, "/app/");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.NotNull(browser.Session);
    }

    [Theory]
    [InlineData("//evil.com")]
    [InlineData("https://evil.com/")]
    [InlineData("javascript:alert(1)")]
    public async Task UnsafeRd_BecomesTheRoot(string rd)
    {
        using var browser = _gateway.OpenBrowser();

        using var response = await PostAsync(browser, browser.Origin, FreshToken(), rd);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task MissingToken_Returns422_AndNoSession()
    {
        using var browser = _gateway.OpenBrowser();

        using var response = await PostAsync(browser, browser.Origin, "", "/app/");

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
        Assert.Null(browser.Session);
    }

    public void Dispose()
    {
        _gateway.Dispose();
        _backend.Dispose();
        _tokens.Dispose();
    }

    private string FreshToken() => _tokens.Token(TestUsers.UniqueName("uid"), "google.com", null, null);

    private static Task<HttpResponseMessage> PostAsync(Browser browser, string? origin, string token, string? rd)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/auth/session") { Content = JsonContent.Create(new { firebase_token = token, rd }) };
        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }

        return browser.SendAsync(request);
    }
}
