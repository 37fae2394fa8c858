using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Trachea.AuthEndpoints.Errors;

namespace Trachea.AuthEndpoints.Startup;

/// <summary>Retries the store's start-up work in the background until it succeeds (see <see cref="StoreReadiness"/>).</summary>
internal sealed partial class DeferredStoreInitialization(
    StoreReadiness readiness,
    IServiceProvider services,
    TimeProvider time,
    ILogger<DeferredStoreInitialization> logger) : BackgroundService
{
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!readiness.IsInitialized && !stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(RetryInterval, time, stoppingToken);
            try
            {
                await TracheaStartup.InitializeStoreAsync(services, stoppingToken);
                readiness.MarkInitialized();
                LogStoreInitialized(logger);
            }
            catch (TracheaException failure) when (failure.Error == ErrorCodes.StoreUnavailable)
            {
                LogStillUnavailable(logger, RetryInterval.TotalSeconds);
            }
            catch (StartupException problem)
            {
                LogStartupProblem(logger, problem.Message);
            }
        }
    }

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "The store is reachable again: indexes created and the default app checked; the gateway is ready")]
    private static partial void LogStoreInitialized(ILogger logger);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "The store is still unreachable; retrying in {Seconds} s")]
    private static partial void LogStillUnavailable(ILogger logger, double seconds);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Error, Message = "The store is reachable but the gateway cannot become ready: {Problem}")]
    private static partial void LogStartupProblem(ILogger logger, string problem);
}
