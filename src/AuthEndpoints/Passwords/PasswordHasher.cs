using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Configuration;

namespace Trachea.AuthEndpoints.Passwords;

/// <summary>
/// bcrypt with the configured work factor. Callers validate length and NUL first: bcrypt would
/// silently truncate past 72 bytes, and we refuse rather than truncate.
/// </summary>
internal sealed class PasswordHasher(IOptions<TracheaOptions> options)
{
    private readonly Lazy<string> _decoyHash = new(() => BCrypt.Net.BCrypt.HashPassword(Guid.NewGuid().ToString("N"), options.Value.BcryptWorkFactor));

    public string Hash(string password) => BCrypt.Net.BCrypt.HashPassword(password, options.Value.BcryptWorkFactor);

    /// <summary>
    /// Verifies against <paramref name="hash"/>, or against a decoy hash when there is none, so an
    /// unknown user costs the same bcrypt work as a wrong password.
    /// </summary>
    public bool Verify(string password, string? hash)
    {
        if (hash is null)
        {
            BCrypt.Net.BCrypt.Verify(password, _decoyHash.Value);
            return false;
        }

        try
        {
            return BCrypt.Net.BCrypt.Verify(password, hash);
        }
        catch (BCrypt.Net.SaltParseException)
        {
            return false;
        }
    }

    /// <summary>Computes the decoy hash now, so the first unknown-user login is not faster than the rest.</summary>
    public void Warm() => _ = _decoyHash.Value;
}
