namespace Trachea.AuthEndpoints.Configuration;

/// <summary>
/// Every setting of docs/configuration.md, bound from the <c>Trachea</c> section; the <c>TRACHEA_*</c>
/// environment variables land here through <see cref="TracheaEnvironmentVariables"/>.
/// </summary>
internal sealed class TracheaOptions
{
    public const string Section = "Trachea";

    public string? AppId { get; set; }
    public string? AppSecret { get; set; }
    public string? MongoUri { get; set; }
    public string DbName { get; set; } = "trachea";
    public string DataDir { get; set; } = "./data";
    public string? FirebaseProjectId { get; set; }
    public string? FirebaseCredentials { get; set; }
    public string? JwtSecret { get; set; }
    public int AccessTokenExpireMinutes { get; set; } = 15;
    public int RefreshTokenExpireDays { get; set; } = 30;
    public int PasswordMinLength { get; set; } = 8;
    public int BcryptWorkFactor { get; set; } = 12;
    public string FirebaseKeysUrl { get; set; } =
        "https://www.googleapis.com/service_accounts/v1/jwk/securetoken@system.gserviceaccount.com";
    public int RateLimitPerIpPerMinute { get; set; } = 60;
    public int RateLimitPerUsernamePerMinute { get; set; } = 10;

    /// <summary>How often, in seconds, an instance reads revocations made by other instances and processes.</summary>
    public double RevocationPollSeconds { get; set; } = 1;

    /// <summary>Seconds within which a just-used refresh token returns the same successor instead of counting as reuse; 0 is off.</summary>
    public int RefreshGraceSeconds { get; set; }

    /// <summary>Comma-separated proxy addresses whose <c>X-Forwarded-For</c> is believed; unset means none.</summary>
    public string? KnownProxies { get; set; }

    /// <summary><c>on</c> or <c>off</c>: the signed identity assertion sent to backends (docs/assertion.md).</summary>
    public string Assertion { get; set; } = AssertionSettings.On;

    /// <summary>Lifetime of one assertion, in seconds.</summary>
    public int AssertionTtlSeconds { get; set; } = AssertionSettings.DefaultTtlSeconds;

    /// <summary><c>scheme://host[:port]</c> users reach the gateway at; unset means unknown.</summary>
    public string? PublicOrigin { get; set; }

    /// <summary>Comma-separated hosts an absolute <c>rd</c> may point to: <c>app.example.com</c> exact, <c>.example.com</c> any subdomain.</summary>
    public string? RedirectAllowedHosts { get; set; }

    /// <summary>Comma-separated origins, besides the public one, allowed to send unsafe requests with a session cookie.</summary>
    public string? CsrfTrustedOrigins { get; set; }

    public int SessionIdleHours { get; set; } = 168;

    public int SessionMaxHours { get; set; } = 720;

    /// <summary>The default app; <see cref="TracheaOptionsSetup"/> fills it with <c>demo</c> in Development.</summary>
    public string DefaultAppId => AppId ?? throw new InvalidOperationException("Trachea options were not validated.");

    public bool UsesMongo => !string.IsNullOrWhiteSpace(MongoUri);
}
