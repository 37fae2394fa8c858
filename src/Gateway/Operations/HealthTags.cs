namespace Trachea.Gateway.Operations;

/// <summary>
/// Tags of the health checks. <c>/healthz</c> runs none (the process answers, so it is alive);
/// <c>/readyz</c> runs every check tagged <see cref="Ready"/>, so other features add theirs with this tag.
/// </summary>
internal static class HealthTags
{
    public const string Ready = "ready";
}
