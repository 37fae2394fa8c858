using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Trachea.AuthEndpoints.Validation;

/// <summary>The field rules of docs/http-api.md: usernames, passwords, emails, and sane bounds on profile text.</summary>
internal static partial class FieldRules
{
    public const int MaxPasswordBytes = 72;
    public const int MaxEmailLength = 254;
    public const int MaxTextLength = 200;
    public const int MaxAvatarLength = 2048;
    public const int MaxPhoneLength = 32;

    /// <returns>The stored (lower-case) form of a username.</returns>
    public static string NormalizeUsername(string username) => username.ToLowerInvariant();

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public static void RequireUsername(ValidationErrors errors, string field, string? username)
    {
        if (string.IsNullOrEmpty(username))
        {
            errors.Add(field, "Username is required.");
        }
        else if (!UsernamePattern().IsMatch(NormalizeUsername(username)))
        {
            errors.Add(field, "Username must be 3-32 characters of a-z, 0-9, '.', '_' or '-'.");
        }
    }

    public static void RequirePassword(ValidationErrors errors, string field, string? password, int minLength)
    {
        if (string.IsNullOrEmpty(password))
        {
            errors.Add(field, "Password is required.");
            return;
        }

        if (password.Length < minLength)
        {
            errors.Add(field, $"Password must be at least {minLength} characters.");
        }

        CheckBcryptLimits(errors, field, password);
    }

    /// <summary>Login only checks what bcrypt could not take; strength rules are for new passwords.</summary>
    public static void RequireLoginPassword(ValidationErrors errors, string field, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            errors.Add(field, "Password is required.");
            return;
        }

        CheckBcryptLimits(errors, field, password);
    }

    // What bcrypt cannot take faithfully: it would silently truncate past 72 bytes and stop at a NUL.
    private static void CheckBcryptLimits(ValidationErrors errors, string field, string password)
    {
        if (Encoding.UTF8.GetByteCount(password) > MaxPasswordBytes)
        {
            errors.Add(field, $"Password must be at most {MaxPasswordBytes} bytes in UTF-8.");
        }

        if (password.Contains('\0', StringComparison.Ordinal))
        {
            errors.Add(field, "Password must not contain NUL characters.");
        }
    }

    public static void CheckEmail(ValidationErrors errors, string field, string email)
    {
        var normalized = NormalizeEmail(email);
        var at = normalized.IndexOf('@', StringComparison.Ordinal);
        var valid = normalized.Length is > 0 and <= MaxEmailLength
            && at > 0
            && at == normalized.LastIndexOf('@')
            && at < normalized.Length - 1
            && !normalized.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == ',');
        if (!valid)
        {
            errors.Add(field, $"Email must contain one '@', no whitespace, line breaks or commas, and at most {MaxEmailLength} characters.");
        }
    }

    public static void CheckText(ValidationErrors errors, string field, string? value, int maxLength)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length > maxLength)
        {
            errors.Add(field, $"Must be at most {maxLength} characters.");
        }

        if (value.Any(char.IsControl))
        {
            errors.Add(field, "Must not contain control characters.");
        }
    }

    public static void CheckDate(ValidationErrors errors, string field, string? value)
    {
        if (value is not null && !DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add(field, "Must be a date written YYYY-MM-DD.");
        }
    }

    [GeneratedRegex("^[a-z0-9._-]{3,32}$")]
    private static partial Regex UsernamePattern();
}
