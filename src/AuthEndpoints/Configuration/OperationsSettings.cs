using System.Net;

namespace Trachea.AuthEndpoints.Configuration;

/// <summary>
/// The operational settings that are lists (CORS origins, trusted proxies), parsed from one comma-separated
/// value so the environment variable and the <c>Trachea:*</c> key read the same, and checked entry by entry.
/// </summary>
internal static class OperationsSettings
{
    public const int MaxShutdownTimeoutSeconds = 3600;

    public static IReadOnlyList<string> CorsOrigins(TracheaOptions options) => Split(options.CorsAllowedOrigins);

    public static IReadOnlyList<IPAddress> KnownProxies(TracheaOptions options) =>
        Split(options.KnownProxies).Select(IPAddress.Parse).ToList();

    public static void Validate(TracheaOptions options, List<string> failures)
    {
        foreach (var origin in CorsOrigins(options).Where(origin => !IsOrigin(origin)))
        {
            failures.Add($"TRACHEA_CORS_ALLOWED_ORIGINS: '{origin}' is not an exact origin; write scheme://host[:port] with http or https, no path, no wildcard.");
        }

        foreach (var proxy in Split(options.KnownProxies).Where(proxy => !IPAddress.TryParse(proxy, out _)))
        {
            failures.Add($"TRACHEA_KNOWN_PROXIES: '{proxy}' is not an IP address.");
        }

        if (options.ShutdownTimeoutSeconds is < 1 or > MaxShutdownTimeoutSeconds)
        {
            failures.Add($"TRACHEA_SHUTDOWN_TIMEOUT_SECONDS must be between 1 and {MaxShutdownTimeoutSeconds} (got {options.ShutdownTimeoutSeconds}).");
        }
    }

    private static List<string> Split(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    // Browsers send the origin exactly as scheme://host[:port] (no default port, no slash), and CORS
    // compares it as a string, so anything else configured here could never match.
    private static bool IsOrigin(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && string.IsNullOrEmpty(uri.UserInfo)
        && string.Equals(uri.GetLeftPart(UriPartial.Authority), value, StringComparison.OrdinalIgnoreCase);
}
