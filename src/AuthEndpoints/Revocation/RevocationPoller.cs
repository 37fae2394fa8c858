using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Configuration;
using Trachea.AuthEndpoints.Errors;
using Trachea.AuthEndpoints.Startup;
using Trachea.AuthEndpoints.Storage;

namespace Trachea.AuthEndpoints.Revocation;

/// <summary>
/// Keeps <see cref="RevocationTable"/> in step with the store: loads every entry younger than the table's
/// retention at start, then reads entries with a higher <c>seq</c> every TRACHEA_REVOCATION_POLL_SECONDS.
/// A writer on another instance may make seq n+1 visible before seq n; a gap is read again until it fills, or
/// until the entry after it is older than <see cref="GapTimeout"/> (its writer failed). Entries apply
/// idempotently, so reading one twice is harmless.
/// </summary>
internal sealed partial class RevocationPoller(
    IRevocationStore store,
    RevocationTable table,
    RevocationFeedHealth health,
    StoreReadiness readiness,
    IOptions<TracheaOptions> options,
    TimeProvider time,
    ILogger<RevocationPoller> logger) : BackgroundService
{
    public static readonly TimeSpan GapTimeout = TimeSpan.FromSeconds(10);
    private const int PageSize = 1000;

    // Old rows are deleted from the store once per this many polls (MongoDB's TTL index does it on its own too).
    private const int PollsPerCleanup = 60;

    private long _lastSeq;
    private int _polls;

    public long LastSeq => _lastSeq;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // The table is loaded before the first request is served, unless the store is not reachable yet.
        if (readiness.IsInitialized)
        {
            await PollOnceAsync(cancellationToken);
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.RevocationPollSeconds), time);
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

    /// <summary>Reads what is new, applies it and forgets what is too old; a store failure is counted, never thrown.</summary>
    public async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var now = time.GetUtcNow();
            while (true)
            {
                var entries = await store.ReadAsync(_lastSeq, now - table.Retention, PageSize, cancellationToken);
                foreach (var entry in entries)
                {
                    table.Apply(entry);
                }

                var advanced = Advance(_lastSeq, entries, now, initial: !health.IsLoaded);
                var progressed = advanced != _lastSeq;
                _lastSeq = advanced;
                if (entries.Count < PageSize || !progressed)
                {
                    break;
                }
            }

            table.Prune(now);
            if (++_polls % PollsPerCleanup == 0)
            {
                await store.DeleteBeforeAsync(now - table.Retention - TimeSpan.FromMinutes(5), cancellationToken);
            }

            if (health.Succeeded())
            {
                LogFeedRecovered(logger);
            }
        }
        catch (TracheaException failure) when (failure.Error == ErrorCodes.StoreUnavailable)
        {
            if (health.Failed())
            {
                LogFeedUnhealthy(logger, RevocationFeedHealth.FailuresBeforeUnhealthy, failure.Message);
            }
        }
    }

    /// <returns>The highest seq up to which every entry has been read (or given up on).</returns>
    internal static long Advance(long lastSeq, IReadOnlyList<RevocationEntry> entries, DateTimeOffset now, bool initial)
    {
        var next = lastSeq;
        foreach (var entry in entries)
        {
            var contiguous = entry.Seq == next + 1 || (initial && next == lastSeq);
            if (!contiguous && now - entry.CreatedAt <= GapTimeout)
            {
                break;
            }

            next = entry.Seq;
        }

        return next;
    }

    [LoggerMessage(EventId = 2103, Level = LogLevel.Error, Message = "The revocation feed could not be read {Failures} times in a row ({Reason}): this instance is not ready and keeps enforcing the revocations it knows")]
    private static partial void LogFeedUnhealthy(ILogger logger, int failures, string reason);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Information, Message = "The revocation feed is readable again: this instance follows the store's revocations")]
    private static partial void LogFeedRecovered(ILogger logger);
}
