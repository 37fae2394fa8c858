using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Trachea.AuthEndpoints.Errors;
using Trachea.AuthEndpoints.Startup;

namespace Trachea.AuthEndpoints.Assertions;

/// <summary>
/// Reads the key ring again every <see cref="KeyRing.PollInterval"/>, so keys rotated or retired by the command line
/// or another instance reach this one. A failed read keeps the ring read before.
/// </summary>
internal sealed partial class AssertionKeyPoller(AssertionKeys keys, StoreReadiness readiness, TimeProvider time, ILogger<AssertionKeyPoller> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(KeyRing.PollInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await PollOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        // Until the store has been initialised the ring is read by the start-up work itself.
        if (!readiness.IsInitialized)
        {
            return;
        }

        try
        {
            await keys.ReloadAsync(cancellationToken);
        }
        catch (TracheaException failure) when (failure.Error == ErrorCodes.StoreUnavailable)
        {
            LogReadFailed(logger, failure.Message);
        }
    }

    [LoggerMessage(EventId = 2303, Level = LogLevel.Warning, Message = "The assertion key ring could not be read ({Reason}); this instance keeps the keys it knows")]
    private static partial void LogReadFailed(ILogger logger, string reason);
}
