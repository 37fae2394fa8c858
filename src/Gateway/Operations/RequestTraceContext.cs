using System.Diagnostics;

namespace Trachea.Gateway.Operations;

/// <summary>
/// Gives every request a W3C trace context (the trace id in logs and problem details, <c>traceparent</c> to
/// backends, a caller's own <c>traceparent</c> continued) while the framework's hosting logger, which would
/// otherwise start that activity, stays off (see <see cref="OperationsExtensions"/>). Nothing is exported: only
/// the ids and the caller's sampling decision are passed on.
/// </summary>
internal sealed class RequestTraceContext : IHostedLifecycleService, IDisposable
{
    private const string HostingActivitySource = "Microsoft.AspNetCore";

    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = source => source.Name == HostingActivitySource,
        // A caller's sampled trace stays sampled for the backends (the flag is only kept with Recorded).
        Sample = static (ref ActivityCreationOptions<ActivityContext> options) =>
            (options.Parent.TraceFlags & ActivityTraceFlags.Recorded) != 0 ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.PropagationData,
        SampleUsingParentId = static (ref ActivityCreationOptions<string> _) => ActivitySamplingResult.PropagationData,
    };

    // Before Kestrel starts accepting requests (its hosted service starts before this one's StartAsync).
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        ActivitySource.AddActivityListener(_listener);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _listener.Dispose();
}
