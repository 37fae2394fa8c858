using System.Diagnostics.Metrics;

namespace Trachea.AuthEndpoints.Telemetry;

/// <summary>
/// The auth endpoints' instruments on the gateway's <see cref="MeterName"/> meter: problem answers by error code,
/// refresh-token reuse and identity assertions signed (the proxy's latency is its own, ProxyMetrics).
/// </summary>
internal sealed class TracheaMetrics
{
    public const string MeterName = "Trachea.Gateway";

    private readonly Counter<long> _failures;
    private readonly Counter<long> _refreshReuses;
    private readonly Counter<long> _assertionsSigned;

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
        _assertionsSigned = meter.CreateCounter<long>(
            "trachea.assertions.signed",
            unit: "{assertion}",
            description: "Identity assertions signed for backends, by audience; a token's assertion is reused until its renewal time.");
    }

    /// <summary>Counts one problem answer by its error code; called by the one error writer, so every code is counted once.</summary>
    public void Failure(string code) =>
        _failures.Add(1, new KeyValuePair<string, object?>("code", code));

    public void RefreshReuse() => _refreshReuses.Add(1);

    /// <summary>Counts one ES256 signature: what assertions cost is this rate, not the rate of requests.</summary>
    public void AssertionSigned(string audience) =>
        _assertionsSigned.Add(1, new KeyValuePair<string, object?>("audience", audience));
}
