namespace Trachea.Gateway.Hosting;

/// <summary>
/// The settings only the host uses (docs/configuration.md): the routes file, CORS and the shutdown timeout. Bound
/// from the same <c>Trachea</c> section (and <c>TRACHEA_*</c> variables) as the auth settings, validated by
/// <see cref="GatewayHostOptionsValidator"/>. Trusted proxies stay with the auth settings: login rate limits read them too.
/// </summary>
internal sealed class GatewayHostOptions
{
    public const int DefaultShutdownTimeoutSeconds = 30;
    public const int MaxShutdownTimeoutSeconds = 3600;

    /// <summary>The routes file; unset means <c>gateway.json</c> in the content root.</summary>
    public string? GatewayConfig { get; set; }

    /// <summary>Comma-separated exact origins allowed by CORS; unset means CORS is off.</summary>
    public string? CorsAllowedOrigins { get; set; }

    public int ShutdownTimeoutSeconds { get; set; } = DefaultShutdownTimeoutSeconds;

    public IReadOnlyList<string> CorsOrigins =>
        (CorsAllowedOrigins ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
