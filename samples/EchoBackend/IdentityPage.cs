using System.Net;
using System.Text;
using System.Text.Json;

namespace Trachea.Samples.EchoBackend;

/// <summary>
/// What a browser sees: a small HTML page with the identity the gateway forwarded (the X-User-*, X-App-Id and
/// X-Auth-Provider headers) and the verified assertion, so the browser-session flow can be watched end to end.
/// </summary>
internal static class IdentityPage
{
    private const string Style =
        "body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:40rem;padding:1rem}" +
        "table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}" +
        "td{word-break:break-all}pre{background:#f4f4f4;overflow-x:auto;padding:.5rem}";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static bool IsWanted(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    public static string Render(HttpRequest request, object? assertion)
    {
        var identity = request.Headers
            .Where(header => IsIdentity(header.Key))
            .OrderBy(header => header.Key, StringComparer.OrdinalIgnoreCase)
            .ToList();

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>Echo backend</title><style>").Append(Style).Append("</style></head><body>")
            .Append("<h1>Echo backend</h1><p>").Append(Encode($"{request.Method} {request.Path}{request.QueryString}")).Append("</p>");

        if (identity.Count == 0)
        {
            html.Append("<p id=\"anonymous\">No identity headers: this request reached the backend anonymously.</p>");
        }
        else
        {
            html.Append("<h2>Identity headers</h2><table id=\"identity\">");
            foreach (var header in identity)
            {
                html.Append("<tr><th>").Append(Encode(header.Key)).Append("</th><td>").Append(Encode(header.Value.ToString())).Append("</td></tr>");
            }

            html.Append("</table>");
        }

        if (assertion is not null)
        {
            html.Append("<h2>Assertion</h2><pre id=\"assertion\">").Append(Encode(JsonSerializer.Serialize(assertion, Indented))).Append("</pre>");
        }

        // A link, not a form: the gateway's sign-out page asks for confirmation and carries its own CSRF token;
        // coming back here afterwards shows the sign-in redirect.
        var back = Uri.EscapeDataString($"{request.PathBase}{request.Path}{request.QueryString}");
        html.Append("<p><a id=\"sign-out\" href=\"/auth/sign_out?rd=").Append(back).Append("\">Sign out</a></p></body></html>");
        return html.ToString();
    }

    private static bool IsIdentity(string name) =>
        name.StartsWith("X-User-", StringComparison.OrdinalIgnoreCase)
        || name.Equals("X-App-Id", StringComparison.OrdinalIgnoreCase)
        || name.Equals("X-Auth-Provider", StringComparison.OrdinalIgnoreCase);

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
