using Microsoft.Extensions.Options;

namespace Trachea.Gateway.Hosting;

/// <summary>Checks the host's settings at start-up, one line per problem, by environment name.</summary>
internal sealed class GatewayHostOptionsValidator : IValidateOptions<GatewayHostOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayHostOptions options)
    {
        var failures = new List<string>();
        foreach (var origin in options.CorsOrigins.Where(origin => !IsOrigin(origin)))
        {
            failures.Add($"TRACHEA_CORS_ALLOWED_ORIGINS: '{origin}' is not an exact origin; write scheme://host[:port] with http or https, no path, no wildcard.");
        }

        if (options.ShutdownTimeoutSeconds is < 1 or > GatewayHostOptions.MaxShutdownTimeoutSeconds)
        {
            failures.Add($"TRACHEA_SHUTDOWN_TIMEOUT_SECONDS must be between 1 and {GatewayHostOptions.MaxShutdownTimeoutSeconds} (got {options.ShutdownTimeoutSeconds}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // Browsers send the origin exactly as scheme://host[:port] (no default port, no slash), and CORS
    // compares it as a string, so anything else configured here could never match.
    private static bool IsOrigin(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && string.IsNullOrEmpty(uri.UserInfo)
        && string.Equals(uri.GetLeftPart(UriPartial.Authority), value, StringComparison.OrdinalIgnoreCase);
}
