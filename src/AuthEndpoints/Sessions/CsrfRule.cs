using Microsoft.AspNetCore.Http;

namespace Trachea.AuthEndpoints.Sessions;

/// <summary>
/// The CSRF rule for requests authenticated by the session cookie, on every route (docs/browser-sessions.md):
/// an unsafe method is refused when <c>Sec-Fetch-Site</c> says another site sent it, or, from a browser without
/// Fetch Metadata, when <c>Origin</c> (else <c>Referer</c>) is missing or names an origin that is not trusted.
/// </summary>
internal static class CsrfRule
{
    public const string Refusal = "This request came from another site or without proof of its origin; it was not carried out.";

    public static bool Refuses(HttpRequest request, BrowserOrigins origins) => Refuses(request.Method, request.Headers, origins);

    /// <summary>The rule for a request judged on another's behalf (forward auth): its method and headers, as forwarded.</summary>
    public static bool Refuses(string method, IHeaderDictionary headers, BrowserOrigins origins)
    {
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method))
        {
            return false;
        }

        if (headers["Sec-Fetch-Site"] is { Count: > 0 } site)
        {
            return site.Count != 1 || site[0] is "cross-site" or "same-site";
        }

        var origin = headers.Origin is { Count: 1 } sent && sent[0] != "null"
            ? sent[0]
            : headers.Referer is { Count: 1 } referer && Uri.TryCreate(referer[0], UriKind.Absolute, out var page) ? page.GetLeftPart(UriPartial.Authority) : null;
        return origin is null || !origins.IsTrusted(origin);
    }
}
