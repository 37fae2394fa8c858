namespace Trachea.Gateway.Operations;

/// <summary>Marks /healthz, /readyz and /metrics, whose request lines are logged at Debug: probes would drown the rest.</summary>
internal sealed class OperationalEndpoint
{
    public static readonly OperationalEndpoint Instance = new();
}
