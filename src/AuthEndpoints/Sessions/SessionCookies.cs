using Microsoft.AspNetCore.Http;

namespace Trachea.AuthEndpoints.Sessions;

/// <summary>
/// The gateway's two cookies (docs/browser-sessions.md). <c>__Host-</c> makes browsers insist on Secure, Path=/
/// and no Domain, so no subdomain can set or read them.
/// </summary>
internal static class SessionCookies
{
    public const string Session = "__Host-trachea_session";
    public const string Csrf = "__Host-trachea_csrf";

    public static void SetSession(HttpResponse response, string id) => response.Cookies.Append(Session, id, Options(null));

    public static void SetCsrf(HttpResponse response, string value) => response.Cookies.Append(Csrf, value, Options(null));

    /// <summary>Tells the browser to drop the session cookie (same name and path, <c>Max-Age=0</c>).</summary>
    public static void ClearSession(HttpResponse response) => response.Cookies.Append(Session, "", Options(TimeSpan.Zero));

    // No Expires or Max-Age on a live cookie: the gateway enforces the session's limits, not the browser.
    private static CookieOptions Options(TimeSpan? maxAge) => new()
    {
        Secure = true,
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Path = "/",
        MaxAge = maxAge,
        IsEssential = true,
    };
}
