using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Configuration;

namespace Trachea.Gateway.Operations;

/// <summary>Ready only with valid settings. Start-up already refuses invalid ones, so this guards reloads.</summary>
internal sealed class ConfigurationHealthCheck(IOptionsMonitor<TracheaOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            _ = options.CurrentValue;
            return Task.FromResult(HealthCheckResult.Healthy());
        }
        catch (OptionsValidationException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The settings are invalid."));
        }
    }
}
