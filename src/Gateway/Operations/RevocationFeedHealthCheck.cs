using Microsoft.Extensions.Diagnostics.HealthChecks;
using Trachea.AuthEndpoints.Revocation;

namespace Trachea.Gateway.Operations;

/// <summary>
/// Ready only while this instance follows the store's revocations: loaded once, and fewer than three polls
/// failed in a row. An instance that is not ready keeps enforcing the revocations it knows.
/// </summary>
internal sealed class RevocationFeedHealthCheck(RevocationFeedHealth feed) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(feed.IsHealthy
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy(feed.IsLoaded
                ? $"The revocation feed could not be read {RevocationFeedHealth.FailuresBeforeUnhealthy} times in a row."
                : "The revocation feed has not been read yet."));
}
