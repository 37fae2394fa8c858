using System.Text;
using Microsoft.Extensions.Primitives;
using Trachea.AuthEndpoints.Sessions;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// The gateway's own cookies (docs/proxying.md), which never reach a backend, and how a
/// <c>Cookie</c> header is written without them.
/// </summary>
internal static class GatewayCookies
{
    public const string Session = SessionCookies.Session;
    public const string Csrf = SessionCookies.Csrf;

    private const string SharedPrefix = "__Host-trachea_";

    /// <returns>
    /// Null when no value names one of the gateway's cookies (no allocation); otherwise every other cookie of
    /// every value, joined with "; " (empty when none is left). Names compare in any case, as ASP.NET Core reads them.
    /// </returns>
    public static string? Without(StringValues cookieHeaders)
    {
        var found = false;
        foreach (var value in cookieHeaders)
        {
            found |= value is not null && value.Contains(SharedPrefix, StringComparison.OrdinalIgnoreCase);
        }

        return found ? Rewrite(cookieHeaders) : null;
    }

    private static string Rewrite(StringValues cookieHeaders)
    {
        var kept = new StringBuilder();
        foreach (var value in cookieHeaders)
        {
            foreach (var range in value.AsSpan().Split(';'))
            {
                var pair = value.AsSpan()[range].Trim();
                var equals = pair.IndexOf('=');
                var name = (equals < 0 ? pair : pair[..equals]).Trim();
                if (pair.IsEmpty || name.Equals(Session, StringComparison.OrdinalIgnoreCase) || name.Equals(Csrf, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                kept.Append(kept.Length == 0 ? "" : "; ").Append(pair);
            }
        }

        return kept.ToString();
    }
}
