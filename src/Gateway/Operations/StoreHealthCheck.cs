using Microsoft.Extensions.Diagnostics.HealthChecks;
using Trachea.AuthEndpoints.Storage;

namespace Trachea.Gateway.Operations;

/// <summary>Ready only while the store answers its cheap ping; the check's timeout bounds the wait.</summary>
internal sealed class StoreHealthCheck(IStoreLifecycle store) : IHealthCheck
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
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
