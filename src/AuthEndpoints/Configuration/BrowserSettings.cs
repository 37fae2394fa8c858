namespace Trachea.AuthEndpoints.Configuration;

/// <summary>
/// The browser-session settings (docs/browser-sessions.md): the public origin, the CSRF-trusted origins and the
/// hosts a return URL may name, each read from one comma-separated value and checked entry by entry.
/// </summary>
internal static class BrowserSettings
{
    public const int MaxSessionHours = 24 * 366;

    public static IReadOnlyList<string> TrustedOrigins(TracheaOptions options) => Split(options.CsrfTrustedOrigins).Select(Origin).ToList();

    public static IReadOnlyList<string> RedirectHosts(TracheaOptions options) =>
        Split(options.RedirectAllowedHosts).Select(host => host.ToLowerInvariant()).ToList();

    /// <summary>An origin as browsers send it: lower-case scheme and host, no default port, no slash.</summary>
    public static string Origin(string value) => new Uri(value).GetLeftPart(UriPartial.Authority).ToLowerInvariant();

    public static void Validate(TracheaOptions options, List<string> failures)
    {
        if (options.PublicOrigin is { } publicOrigin && !IsOrigin(publicOrigin))
        {
            failures.Add($"TRACHEA_PUBLIC_ORIGIN: '{publicOrigin}' is not an origin; write scheme://host[:port] with http or https, no path.");
        }

        foreach (var origin in Split(options.CsrfTrustedOrigins).Where(origin => !IsOrigin(origin)))
        {
            failures.Add($"TRACHEA_CSRF_TRUSTED_ORIGINS: '{origin}' is not an exact origin; write scheme://host[:port] with http or https, no path.");
        }

        foreach (var host in Split(options.RedirectAllowedHosts).Where(host => !IsHostRule(host)))
        {
            failures.Add($"TRACHEA_REDIRECT_ALLOWED_HOSTS: '{host}' is not a host; write app.example.com (exact) or .example.com (any subdomain).");
        }

        if (options.SessionIdleHours is < 1 or > MaxSessionHours)
        {
            failures.Add($"TRACHEA_SESSION_IDLE_HOURS must be between 1 and {MaxSessionHours} (got {options.SessionIdleHours}).");
        }

        if (options.SessionMaxHours is < 1 or > MaxSessionHours)
        {
            failures.Add($"TRACHEA_SESSION_MAX_HOURS must be between 1 and {MaxSessionHours} (got {options.SessionMaxHours}).");
        }
    }

    private static List<string> Split(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static bool IsOrigin(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && string.IsNullOrEmpty(uri.UserInfo)
        && string.Equals(uri.GetLeftPart(UriPartial.Authority), value, StringComparison.OrdinalIgnoreCase);

    private static bool IsHostRule(string value)
    {
        var host = value.StartsWith('.') ? value[1..] : value;
        return host.Length > 0 && Uri.CheckHostName(host) == UriHostNameType.Dns;
    }
}
