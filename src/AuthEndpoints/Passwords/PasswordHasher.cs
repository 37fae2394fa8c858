using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Configuration;

namespace Trachea.AuthEndpoints.Passwords;

/// <summary>
/// bcrypt with the configured work factor. Callers validate length and NUL first: bcrypt would
/// silently truncate past 72 bytes, and we refuse rather than truncate.
/// </summary>
/// <remarks>
/// At most one bcrypt computation per core runs at a time; the others wait without holding a thread.
/// A burst of logins then keeps the cores busy hashing without also starving the thread pool that
/// proxied requests need, and without the thread injection (and memory) that starvation brings.
/// </remarks>
internal sealed class PasswordHasher(IOptions<TracheaOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _cores = new(Environment.ProcessorCount, Environment.ProcessorCount);
    private readonly Lazy<string> _decoyHash = new(() => BCrypt.Net.BCrypt.HashPassword(Guid.NewGuid().ToString("N"), options.Value.BcryptWorkFactor));

    public Task<string> HashAsync(string password, CancellationToken cancellationToken) =>
        RunAsync(() => BCrypt.Net.BCrypt.HashPassword(password, options.Value.BcryptWorkFactor), cancellationToken);

    /// <summary>
    /// Verifies against <paramref name="hash"/>, or against a decoy hash when there is none, so an
    /// unknown user costs the same bcrypt work as a wrong password.
    /// </summary>
    public Task<bool> VerifyAsync(string password, string? hash, CancellationToken cancellationToken) =>
        RunAsync(() => Verify(password, hash), cancellationToken);

    /// <summary>Computes the decoy hash now, so the first unknown-user login is not faster than the rest.</summary>
    public void Warm() => _ = _decoyHash.Value;

    public void Dispose() => _cores.Dispose();

    private bool Verify(string password, string? hash)
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

    private async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        await _cores.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return work();
        }
        finally
        {
            _cores.Release();
        }
    }
}
