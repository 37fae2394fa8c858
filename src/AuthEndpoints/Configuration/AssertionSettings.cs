namespace Trachea.AuthEndpoints.Configuration;

/// <summary>
/// TRACHEA_ASSERTION, TRACHEA_ASSERTION_TTL_SECONDS and TRACHEA_PUBLIC_ORIGIN (docs/configuration.md): whether
/// backends get a signed assertion, how long one lives, and the issuer it names.
/// </summary>
internal static class AssertionSettings
{
    public const string On = "on";
    public const string Off = "off";
    public const int DefaultTtlSeconds = 120;
    public const int MinTtlSeconds = 30;
    public const int MaxTtlSeconds = 300;

    /// <summary>The issuer of assertions when no public origin is configured.</summary>
    public const string DefaultIssuer = "trachea-gateway";

    public static bool IsOn(TracheaOptions options) => string.Equals(options.Assertion, On, StringComparison.OrdinalIgnoreCase);

    public static string Issuer(TracheaOptions options) => options.PublicOrigin ?? DefaultIssuer;

    public static void Validate(TracheaOptions options, List<string> failures)
    {
        if (!string.Equals(options.Assertion, On, StringComparison.OrdinalIgnoreCase) && !string.Equals(options.Assertion, Off, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"TRACHEA_ASSERTION must be {On} or {Off} (got '{options.Assertion}').");
        }

        if (options.AssertionTtlSeconds is < MinTtlSeconds or > MaxTtlSeconds)
        {
            failures.Add($"TRACHEA_ASSERTION_TTL_SECONDS must be between {MinTtlSeconds} and {MaxTtlSeconds} (got {options.AssertionTtlSeconds}).");
        }
    }
}
