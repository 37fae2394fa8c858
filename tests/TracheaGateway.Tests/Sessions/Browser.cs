using System.Net;
using System.Text.RegularExpressions;
using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.Sessions;

/// <summary>
/// An HTTP client that behaves like a browser for the gateway's cookies: it keeps what <c>Set-Cookie</c> sets
/// (and drops what <c>Max-Age=0</c> clears) and sends it back, and never follows redirects, so tests see them.
/// </summary>
public sealed partial class Browser(Uri origin) : IDisposable
{
    public const string TrustedOrigin = "https://trusted.example.com";
    public const string SessionCookie = "__Host-trachea_session";
    public const string CsrfCookie = "__Host-trachea_csrf";

    private readonly HttpClient _client = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = origin };

    public Dictionary<string, string> Cookies { get; } = new(StringComparer.Ordinal);

    /// <summary>Every Set-Cookie value of the last response.</summary>
    public IReadOnlyList<string> LastSetCookies { get; private set; } = [];

    public string Origin => _client.BaseAddress!.GetLeftPart(UriPartial.Authority);

    public string? Session => Cookies.GetValueOrDefault(SessionCookie);

    /// <summary>A page navigation: GET with the Accept header browsers send.</summary>
    public Task<HttpResponseMessage> NavigateAsync(string path) => SendAsync(Navigation(path));

    public static HttpRequestMessage Navigation(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        return request;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (Cookies.Count > 0 && !request.Headers.Contains("Cookie"))
        {
            request.Headers.TryAddWithoutValidation("Cookie", string.Join("; ", Cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var response = await _client.SendAsync(request);
        LastSetCookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];
        foreach (var value in LastSetCookies)
        {
            var pair = value.Split(';')[0];
            var name = pair[..pair.IndexOf('=', StringComparison.Ordinal)];
            if (value.Contains("max-age=0", StringComparison.OrdinalIgnoreCase))
            {
                Cookies.Remove(name);
            }
            else
            {
                Cookies[name] = pair[(name.Length + 1)..];
            }
        }

        return response;
    }

    /// <summary>Posts a form from the gateway's own page, as a browser with Fetch Metadata does.</summary>
    public Task<HttpResponseMessage> PostFormAsync(string path, IDictionary<string, string> fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.TryAddWithoutValidation("Origin", Origin);
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "same-origin");
        return SendAsync(request);
    }

    /// <summary>Opens the sign-in page and submits it; returns the form's answer (303 on success).</summary>
    public async Task<HttpResponseMessage> SignInAsync(string username, string password = TestUsers.Password, string rd = "/")
    {
        using var page = await NavigateAsync($"/auth/sign_in?rd={Uri.EscapeDataString(rd)}");
        var csrf = CsrfOf(await page.Content.ReadAsStringAsync());
        return await PostFormAsync("/auth/sign_in", new Dictionary<string, string> { ["username"] = username, ["password"] = password, ["csrf"] = csrf, ["rd"] = rd });
    }

    public async Task SignInOrFailAsync(string username)
    {
        using var signedIn = await SignInAsync(username);
        Assert.Equal(HttpStatusCode.SeeOther, signedIn.StatusCode);
        Assert.NotNull(Session);
    }

    public static string CsrfOf(string html) => CsrfField().Match(html) is { Success: true } match
        ? WebUtility.HtmlDecode(match.Groups[1].Value)
        : throw new Xunit.Sdk.XunitException("the page has no csrf field");

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("name=\"csrf\" value=\"([^\"]*)\"")]
    private static partial Regex CsrfField();
}
