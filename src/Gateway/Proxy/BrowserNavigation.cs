using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Trachea.AuthEndpoints.Sessions.Pages;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// A browser opening a page (docs/browser-sessions.md): GET or HEAD, <c>Accept</c> naming <c>text/html</c>, no
/// Authorization and no <c>X-Requested-With: XMLHttpRequest</c>. Without credentials it is sent to sign in rather
/// than shown a 401 document.
/// </summary>
internal static class BrowserNavigation
{
    public static bool Is(HttpRequest request) => Is(request.Method, request.Headers);

    /// <summary>The rule for a request judged on another's behalf (forward auth): its method and headers, as forwarded.</summary>
    public static bool Is(string method, IHeaderDictionary headers) =>
        (HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
        && headers.Authorization.Count == 0
        && headers.Accept.Any(accept => accept is not null && accept.Contains("text/html", StringComparison.OrdinalIgnoreCase))
        && !headers["X-Requested-With"].Any(value => string.Equals(value, "XMLHttpRequest", StringComparison.OrdinalIgnoreCase));

    /// <summary>The sign-in page, returning to this request's path and query (encoded as received).</summary>
    public static string SignInLocation(HttpRequest request) =>
        $"{SessionPages.SignInPath}?rd={Uri.EscapeDataString(request.GetEncodedPathAndQuery())}";
}
