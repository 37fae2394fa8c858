using System.Net;

namespace Trachea.AuthEndpoints.Configuration;

/// <summary>
/// The trusted proxies (TRACHEA_KNOWN_PROXIES), parsed from one comma-separated value so the environment variable
/// and the <c>Trachea:*</c> key read the same, and checked entry by entry. The host's own settings are in the
/// gateway (GatewayHostOptions); this one is shared, since login rate limits and forward auth read it too.
/// </summary>
internal static class OperationsSettings
{
    public static IReadOnlyList<IPAddress> KnownProxies(TracheaOptions options) =>
        Split(options.KnownProxies).Select(IPAddress.Parse).ToList();

    public static void Validate(TracheaOptions options, List<string> failures)
    {
        foreach (var proxy in Split(options.KnownProxies).Where(proxy => !IPAddress.TryParse(proxy, out _)))
        {
            failures.Add($"TRACHEA_KNOWN_PROXIES: '{proxy}' is not an IP address.");
        }
    }

    private static List<string> Split(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
