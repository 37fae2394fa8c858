using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Assertions;
using Trachea.AuthEndpoints.Configuration;
using Trachea.Gateway.Proxy;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy;

namespace Trachea.Gateway.ForwardAuth;

/// <summary>
/// Which <c>gateway.json</c> route a forwarded target falls under, matched as the proxy's routing would: by
/// <c>Order</c>, then the more specific path template, on the path, the methods and the hosts of each route. A
/// route with conditions forward auth cannot see (<c>Headers</c>, <c>QueryParameters</c>, parameter
/// constraints) is matched only when named (<c>?route=</c>). A target under no route is judged as
/// <c>Auth: required</c> for the default app. The table is rebuilt after each configuration load.
/// </summary>
internal sealed class ForwardAuthRoutes(IProxyStateLookup lookup, RoutePolicies policies, IOptions<TracheaOptions> options, AppliedConfigs applied)
{
    // With no route there is no cluster to name the assertion's audience: the default app is.
    private readonly RoutePolicy _unrouted = new(string.Empty, RouteAuth.Required, options.Value.DefaultAppId, -1, -1, ForwardAuthorization: false)
    {
        AssertionAudience = AssertionSettings.IsOn(options.Value) ? options.Value.DefaultAppId : null,
    };
    private Table? _table;

    /// <summary>The policy of the route with this id, or null when no such route is loaded.</summary>
    public RoutePolicy? Named(string routeId) => lookup.TryGetRoute(routeId, out var route) ? policies.For(route.Config) : null;

    public RoutePolicy Match(ForwardedTarget target)
    {
        var values = new RouteValueDictionary();
        foreach (var entry in Current().Entries)
        {
            values.Clear();
            if (entry.Matches(target, values))
            {
                return policies.For(entry.Config);
            }
        }

        return _unrouted;
    }

    private Table Current()
    {
        var version = applied.Version;
        if (_table is { } table && table.Version == version)
        {
            return table;
        }

        var entries = lookup.GetRoutes()
            .Select(route => route.Config)
            .Where(config => config.Match.Headers is not { Count: > 0 } && config.Match.QueryParameters is not { Count: > 0 })
            .Select(config => new Entry(config, TemplateParser.Parse(config.Match.Path ?? "/{**catchall}")))
            .Where(entry => entry.Template.Parameters.All(parameter => !parameter.InlineConstraints.Any()))
            .OrderBy(entry => entry.Config.Order ?? 0)
            .ThenBy(entry => RoutePrecedence.ComputeInbound(entry.Template))
            .ToArray();
        var built = new Table(version, entries);
        _table = built;
        return built;
    }

    private sealed record Table(int Version, Entry[] Entries);

    private sealed class Entry(RouteConfig config, RouteTemplate template)
    {
        private readonly TemplateMatcher _matcher = new(template, []);

        public RouteConfig Config { get; } = config;

        public RouteTemplate Template { get; } = template;

        public bool Matches(ForwardedTarget target, RouteValueDictionary values) =>
            (Config.Match.Methods is not { Count: > 0 } methods || methods.Contains(target.Method, StringComparer.OrdinalIgnoreCase))
            && (Config.Match.Hosts is not { Count: > 0 } hosts || (target.Host is { } host && hosts.Any(pattern => HostMatches(pattern, host))))
            && _matcher.TryMatch(target.Path, values);

        // "example.com" matches on any port, "example.com:8443" on that one, "*.example.com" any subdomain.
        private static bool HostMatches(string pattern, string host)
        {
            var name = host;
            if (!pattern.Contains(':', StringComparison.Ordinal) && host.LastIndexOf(':') is var colon and > 0 && !host.EndsWith(']'))
            {
                name = host[..colon];
            }

            return pattern.StartsWith("*.", StringComparison.Ordinal)
                ? name.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase) && name.Length > pattern.Length - 1
                : string.Equals(pattern, name, StringComparison.OrdinalIgnoreCase);
        }
    }
}
