namespace Trachea.Gateway.Proxy;

/// <summary>
/// What one proxied route demands, read from its metadata once per configuration load.
/// Ranks are those of <see cref="AuthEndpoints.Access.Roles"/> and <see cref="AuthEndpoints.Access.Plans"/>; -1 means no minimum.
/// </summary>
internal sealed record RoutePolicy(
    string RouteId,
    RouteAuth Auth,
    string AppId,
    int MinRoleRank,
    int MinPlanRank,
    bool ForwardAuthorization)
{
    public bool ChecksTokens => Auth != RouteAuth.Anonymous;

    /// <summary>The route's <c>RateLimitPerMinute</c>; null when the route is not limited.</summary>
    public RouteRateLimit? RateLimit { get; init; }

    /// <summary>The <c>aud</c> of the identity assertion its backend receives (docs/assertion.md); null when the route sends none.</summary>
    public string? AssertionAudience { get; init; }

    /// <summary>Metadata <c>SignIn</c>: false (<c>never</c>) answers a browser navigation without credentials 401, not a redirect.</summary>
    public bool SignInRedirect { get; init; } = true;
}
