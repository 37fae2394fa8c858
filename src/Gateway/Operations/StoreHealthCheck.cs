using Microsoft.Extensions.Diagnostics.HealthChecks;
using Trachea.AuthEndpoints.Startup;
using Trachea.AuthEndpoints.Storage;

namespace Trachea.Gateway.Operations;

/// <summary>
/// Ready only once the store's start-up work is done and while it answers its cheap ping; the check's
/// timeout bounds the wait.
/// </summary>
internal sealed class StoreHealthCheck(IStoreLifecycle store, StoreReadiness readiness) : IHealthCheck
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!readiness.IsInitialized)
        {
            return HealthCheckResult.Unhealthy("The store has not been initialised yet.");
        }

        try
        {
            return await store.PingAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The store does not answer.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The store did not answer in time.");
        }
    }
}
