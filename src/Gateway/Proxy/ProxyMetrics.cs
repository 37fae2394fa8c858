using System.Diagnostics.Metrics;
using Trachea.AuthEndpoints.Telemetry;

namespace Trachea.Gateway.Proxy;

/// <summary>The proxy's instrument on the gateway's meter (<see cref="TracheaMetrics.MeterName"/>): the latency of proxied requests.</summary>
internal sealed class ProxyMetrics
{
    private readonly Histogram<double> _proxied;

    public ProxyMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _proxied = meterFactory.Create(TracheaMetrics.MeterName).CreateHistogram<double>(
            "trachea.proxy.request.duration",
            unit: "s",
            description: "Time to answer a proxied request, by gateway route and status.");
    }

    /// <summary>Records one proxied request: <paramref name="route"/> is the gateway route id, never the raw path.</summary>
    public void RecordProxied(string route, int status, TimeSpan elapsed) =>
        _proxied.Record(
            elapsed.TotalSeconds,
            new KeyValuePair<string, object?>("route", route),
            new KeyValuePair<string, object?>("http.response.status_code", status));
}
