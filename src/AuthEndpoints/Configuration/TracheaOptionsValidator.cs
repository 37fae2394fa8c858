using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Access;

namespace Trachea.AuthEndpoints.Configuration;

/// <summary>Checks every setting at start-up and names each problem in one line, by its environment name.</summary>
internal sealed class TracheaOptionsValidator : IValidateOptions<TracheaOptions>
{
    public const int MinJwtSecretLength = 32;

    public ValidateOptionsResult Validate(string? name, TracheaOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.AppId))
        {
            failures.Add("TRACHEA_APP_ID is required outside Development: set it to the id of the app this gateway fronts.");
        }
        else if (!AppIds.IsValid(options.AppId))
        {
            failures.Add($"TRACHEA_APP_ID must be {AppIds.Rule}.");
        }

        if (string.IsNullOrEmpty(options.JwtSecret))
        {
            failures.Add($"TRACHEA_JWT_SECRET is required outside Development: a random string of at least {MinJwtSecretLength} characters.");
        }
        else if (options.JwtSecret.Length < MinJwtSecretLength)
        {
            failures.Add($"TRACHEA_JWT_SECRET is too short: at least {MinJwtSecretLength} characters are required.");
        }

        RequireRange(failures, "TRACHEA_ACCESS_TOKEN_EXPIRE_MINUTES", options.AccessTokenExpireMinutes, 1, 24 * 60);
        RequireRange(failures, "TRACHEA_REFRESH_TOKEN_EXPIRE_DAYS", options.RefreshTokenExpireDays, 1, 365);
        RequireRange(failures, "TRACHEA_PASSWORD_MIN_LENGTH", options.PasswordMinLength, 1, 72);
        RequireRange(failures, "TRACHEA_BCRYPT_WORK_FACTOR", options.BcryptWorkFactor, 4, 31);
        RequireRange(failures, "TRACHEA_RATE_LIMIT_PER_IP_PER_MINUTE", options.RateLimitPerIpPerMinute, 1, 1_000_000);
        RequireRange(failures, "TRACHEA_RATE_LIMIT_PER_USERNAME_PER_MINUTE", options.RateLimitPerUsernamePerMinute, 1, 1_000_000);

        RequireRange(failures, "TRACHEA_REFRESH_GRACE_SECONDS", options.RefreshGraceSeconds, 0, 60);
        if (!(options.RevocationPollSeconds >= 0.2 && options.RevocationPollSeconds <= 10))
        {
            failures.Add($"TRACHEA_REVOCATION_POLL_SECONDS must be between 0.2 and 10 (got {options.RevocationPollSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}).");
        }

        OperationsSettings.Validate(options, failures);
        AssertionSettings.Validate(options, failures);
        BrowserSettings.Validate(options, failures);

        if (string.IsNullOrWhiteSpace(options.DataDir))
        {
            failures.Add("TRACHEA_DATA_DIR must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.DbName))
        {
            failures.Add("TRACHEA_DB_NAME must not be empty.");
        }

        if (!Uri.TryCreate(options.FirebaseKeysUrl, UriKind.Absolute, out var keysUrl) || (keysUrl.Scheme != Uri.UriSchemeHttps && keysUrl.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add("TRACHEA_FIREBASE_KEYS_URL must be an absolute http(s) address.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequireRange(List<string> failures, string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{name} must be between {min} and {max} (got {value}).");
        }
    }
}
