using System.Diagnostics.Metrics;
using Trachea.AuthEndpoints.Errors;

namespace Trachea.AuthEndpoints.Telemetry;

/// <summary>
/// The gateway's own instruments on the <see cref="MeterName"/> meter: problem answers by error code,
/// refresh-token reuse, and the latency of proxied requests (recorded by the proxy).
/// </summary>
internal sealed class TracheaMetrics
{
    public const string MeterName = "Trachea.Gateway";

    private readonly Counter<long> _failures;
    private readonly Counter<long> _refreshReuses;
    private readonly Histogram<double> _proxied;

    public TracheaMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _failures = meter.CreateCounter<long>(
            "trachea.auth.failures",
            unit: "{failure}",
            description: "Problem-details answers of the gateway, by error code.");
        _refreshReuses = meter.CreateCounter<long>(
            "trachea.refresh_token.reuses",
            unit: "{reuse}",
            description: "Used refresh tokens presented again; each one revoked all of its user's refresh tokens.");
        _proxied = meter.CreateHistogram<double>(
            "trachea.proxy.request.duration",
            unit: "s",
            description: "Time to answer a proxied request, by gateway route and status.");
    }

    /// <summary>Counts one problem answer; called by <see cref="ProblemWriter"/>, so every code is counted once.</summary>
    public void Failure(ErrorCode error) =>
        _failures.Add(1, new KeyValuePair<string, object?>("code", error.Code));

    public void RefreshReuse() => _refreshReuses.Add(1);

    /// <summary>Records one proxied request: <paramref name="route"/> is the gateway route id, never the raw path.</summary>
    public void RecordProxied(string route, int status, TimeSpan elapsed) =>
        _proxied.Record(
            elapsed.TotalSeconds,
            new KeyValuePair<string, object?>("route", route),
            new KeyValuePair<string, object?>("http.response.status_code", status));
}
