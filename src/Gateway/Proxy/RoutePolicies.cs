using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Configuration;
using Yarp.ReverseProxy.Configuration;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// The policy of each loaded route, read once per <see cref="RouteConfig"/> instance. YARP builds a fresh
/// instance for every configuration load and hands that same instance to validation, to the transform
/// builder and (as <c>IReverseProxyFeature.Route.Config</c>) to every request, so the table is keyed by
/// reference and forgets a route when its configuration is gone.
/// </summary>
internal sealed class RoutePolicies(IOptions<TracheaOptions> options)
{
    private readonly ConditionalWeakTable<RouteConfig, RoutePolicy> _policies = [];

    /// <summary>Reads and remembers the route's policy; reports every problem instead when it has any.</summary>
    public RoutePolicy? TryRead(RouteConfig route, ICollection<string> errors)
    {
        if (_policies.TryGetValue(route, out var known))
        {
            return known;
        }

        var policy = RouteMetadata.Read(route, options.Value.DefaultAppId, errors);
        if (policy is null)
        {
            return null;
        }

        // TRACHEA_ASSERTION=off: no route sends one, whatever its metadata says.
        var read = AssertionSettings.IsOn(options.Value) ? policy : policy with { AssertionAudience = null };
        return _policies.GetValue(route, _ => read);
    }

    /// <summary>The policy of a route that passed validation.</summary>
    public RoutePolicy For(RouteConfig route)
    {
        if (_policies.TryGetValue(route, out var policy))
        {
            return policy;
        }

        var errors = new List<string>();
        return TryRead(route, errors) ?? throw new InvalidOperationException(string.Join(" ", errors));
    }
}
