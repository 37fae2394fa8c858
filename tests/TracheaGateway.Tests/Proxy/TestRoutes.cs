using System.Text.Json;

namespace Trachea.Tests.Proxy;

/// <summary>The routes file of the proxy tests: one route per kind of policy, plus the default gateway.json layout.</summary>
public static class TestRoutes
{
    /// <summary>A cluster whose ActivityTimeout is this short, for the timeout test.</summary>
    public static readonly TimeSpan SlowClusterTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The affinity cookie of the <c>sticky</c> cluster, whose value YARP protects with Data Protection.</summary>
    public const string SessionAffinityCookie = "Trachea.Affinity";

    /// <summary>The X-Forwarded-Prefix that the <c>raw-own-prefix</c> route's configuration sends.</summary>
    public const string OwnForwardedPrefix = "/svc";

    private static Dictionary<string, string> Anonymous => new() { ["Auth"] = "anonymous" };

    public static string Json(string backendUrl, string deadBackendUrl, string droppingBackendUrl, string recordingBackendUrl)
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
            ["raw"] = Route("/raw/{**rest}", "recording", Anonymous),
            ["raw-required"] = Route("/raw-required/{**rest}", "recording", new() { ["x-team"] = "payments", ["X-Cache"] = "off" }),
            ["raw-strip"] = Route("/raw-strip/{**rest}", "recording", Anonymous, transforms: [new() { ["PathRemovePrefix"] = "/raw-strip" }]),
            ["raw-prefix"] = Route("/raw-prefix/{**rest}", "recording", Anonymous, transforms: [new() { ["PathPrefix"] = "/under" }]),
            ["raw-pattern"] = Route("/raw-pattern/{**rest}", "recording", Anonymous, transforms: [new() { ["PathPattern"] = "/pattern/{**rest}" }]),
            ["raw-forwarded-off"] = Route("/raw-forwarded-off/{**rest}", "recording", Anonymous, transforms: [new() { ["X-Forwarded"] = "Off" }]),
            ["raw-forwarded-append"] = Route("/raw-forwarded-append/{**rest}", "recording", Anonymous, transforms: [new() { ["X-Forwarded"] = "Append" }]),
            ["raw-own-prefix"] = Route("/raw-own-prefix/{**rest}", "recording", Anonymous, transforms:
            [
                new() { ["RequestHeader"] = "X-Forwarded-Prefix", ["Set"] = OwnForwardedPrefix },
                new() { ["X-Forwarded"] = "Set", ["Prefix"] = "Off" },
            ]),
        };
        var clusters = new Dictionary<string, object>
        {
            ["backend"] = Cluster(backendUrl),
            ["slow"] = Cluster(backendUrl, SlowClusterTimeout),
            ["down"] = Cluster(deadBackendUrl),
            ["drop"] = Cluster(droppingBackendUrl),
            ["recording"] = Cluster(recordingBackendUrl),
            ["sticky"] = new
            {
                SessionAffinity = new { Enabled = true, Policy = "Cookie", AffinityKeyName = SessionAffinityCookie },
                Destinations = new { main = new { Address = backendUrl } },
            },
        };
        return JsonSerializer.Serialize(new { ReverseProxy = new { Routes = routes, Clusters = clusters } });
    }

    public static object Route(string path, string cluster, Dictionary<string, string> metadata, int? order = null, Dictionary<string, string>[]? transforms = null) =>
        new { ClusterId = cluster, Order = order, Match = new { Path = path }, Metadata = metadata, Transforms = transforms };

    public static object Cluster(string address, TimeSpan? activityTimeout = null) => new
    {
        HttpRequest = new { ActivityTimeout = activityTimeout ?? TimeSpan.FromSeconds(30) },
        Destinations = new { main = new { Address = address } },
    };
}
