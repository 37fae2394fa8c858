using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Configuration;
using Trachea.AuthEndpoints.Validation;

namespace Trachea.AuthEndpoints.RateLimiting;

/// <summary>
/// <c>TRACHEA_RATE_LIMIT_PER_USERNAME_PER_MINUTE</c> password logins per username, whatever address they
/// come from. The username is only known once the body is read, so the login handler asks here before any
/// bcrypt work, instead of the rate-limiting middleware.
/// </summary>
internal sealed class UsernameRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public UsernameRateLimiter(IOptions<TracheaOptions> options)
    {
        var permits = options.Value.RateLimitPerUsernamePerMinute;
        _limiter = PartitionedRateLimiter.Create<string, string>(
            username => RateLimitPartition.GetFixedWindowLimiter(username, _ => FixedWindow.PerMinute(permits)),
            StringComparer.Ordinal);
    }

    /// <summary>Takes one attempt for <paramref name="username"/>, or throws RATE_LIMITED with the time to wait.</summary>
    public void Acquire(string username)
    {
        using var lease = _limiter.AttemptAcquire(FieldRules.NormalizeUsername(username));
        if (!lease.IsAcquired)
        {
            throw AuthRateLimits.Limited(lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : null);
        }
    }

    public void Dispose() => _limiter.Dispose();
}
