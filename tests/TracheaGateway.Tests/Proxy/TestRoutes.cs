using System.Text.Json;

namespace Trachea.Tests.Proxy;

/// <summary>The routes file of the proxy tests: one route per kind of policy, plus the default gateway.json layout.</summary>
public static class TestRoutes
{
    /// <summary>A cluster whose ActivityTimeout is this short, for the timeout test.</summary>
    public static readonly TimeSpan SlowClusterTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The affinity cookie of the <c>sticky</c> cluster, whose value YARP protects with Data Protection.</summary>
    public const string SessionAffinityCookie = "Trachea.Affinity";

    public static string Json(string backendUrl, string deadBackendUrl, string droppingBackendUrl)
    {
        var routes = new Dictionary<string, object>
        {
            ["anonymous"] = Route("/anonymous/{**rest}", "backend", new() { ["Auth"] = "anonymous" }),
            ["required"] = Route("/required/{**rest}", "backend", new()),
            ["optional"] = Route("/optional/{**rest}", "backend", new() { ["Auth"] = "optional" }),
            ["admin-only"] = Route("/admin-only/{**rest}", "backend", new() { ["MinRole"] = "admin" }),
            ["pro-only"] = Route("/pro-only/{**rest}", "backend", new() { ["MinPlan"] = "pro" }),
            ["forward"] = Route("/forward/{**rest}", "backend", new() { ["ForwardAuthorization"] = "true" }),
            ["other-app"] = Route("/other-app/{**rest}", "backend", new() { ["App"] = "other" }),
            ["api-public"] = Route("/api/public/{**rest}", "backend", new() { ["Auth"] = "anonymous" }, order: 1),
            ["api-admin"] = Route("/api/admin/{**rest}", "backend", new() { ["MinRole"] = "admin" }, order: 1),
            ["api-pro"] = Route("/api/pro/{**rest}", "backend", new() { ["MinPlan"] = "pro" }, order: 1),
            ["api"] = Route("/api/{**rest}", "backend", new(), order: 2),
            ["slow"] = Route("/slow/{**rest}", "slow", new() { ["Auth"] = "anonymous" }),
            ["down"] = Route("/down/{**rest}", "down", new() { ["Auth"] = "anonymous" }),
            ["drop"] = Route("/drop/{**rest}", "drop", new() { ["Auth"] = "anonymous" }),
            ["sticky"] = Route("/sticky/{**rest}", "sticky", new() { ["Auth"] = "anonymous" }),
        };
        var clusters = new Dictionary<string, object>
        {
            ["backend"] = Cluster(backendUrl),
            ["slow"] = Cluster(backendUrl, SlowClusterTimeout),
            ["down"] = Cluster(deadBackendUrl),
            ["drop"] = Cluster(droppingBackendUrl),
            ["sticky"] = new
            {
                SessionAffinity = new { Enabled = true, Policy = "Cookie", AffinityKeyName = SessionAffinityCookie },
                Destinations = new { main = new { Address = backendUrl } },
            },
        };
        return JsonSerializer.Serialize(new { ReverseProxy = new { Routes = routes, Clusters = clusters } });
    }

    public static object Route(string path, string cluster, Dictionary<string, string> metadata, int? order = null) =>
        new { ClusterId = cluster, Order = order, Match = new { Path = path }, Metadata = metadata };

    public static object Cluster(string address, TimeSpan? activityTimeout = null) => new
    {
        HttpRequest = new { ActivityTimeout = activityTimeout ?? TimeSpan.FromSeconds(30) },
        Destinations = new { main = new { Address = address } },
    };
}
