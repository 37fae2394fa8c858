using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// Hooks the gateway into YARP's configuration: <see cref="ValidateRoute"/> rejects bad route metadata, routes
/// that would shadow the gateway's own endpoints and framework policies on routes when a configuration is
/// loaded, naming the route; <see cref="ValidateCluster"/> rejects a destination that is the gateway itself
/// (<see cref="OwnAddresses"/>); <see cref="Apply"/> adds the transforms of the client's headers, of the identity and
/// its assertion (built once per route and configuration load), of the trace context and of the path.
/// </summary>
internal sealed class GatewayTransformProvider(RoutePolicies policies, OwnAddresses ownAddresses) : ITransformProvider
{
    // The gateway's own endpoints (docs/http-api.md, docs/assertion.md): a proxied route must never answer for them.
    private static readonly string[] ReservedPrefixes = ["/auth", "/users", "/healthz", "/readyz", "/metrics", "/openapi", "/.well-known"];

    public void ValidateRoute(TransformRouteValidationContext context)
    {
        var route = context.Route;
        var errors = new List<string>();
        policies.TryRead(route, errors);
        if (route.Order < 0)
        {
            errors.Add($"Route '{route.RouteId}': Order must not be negative, so that proxied routes never take precedence over the gateway's own endpoints.");
        }

        foreach (var (property, value) in FrameworkPolicies(route))
        {
            if (value is not null)
            {
                errors.Add($"Route '{route.RouteId}': {property} is not supported; a route's rules are its Metadata (Auth, MinRole, MinPlan, App, RateLimitPerMinute).");
            }
        }

        if (route.Match.Path is { } path && ReservedPrefixes.FirstOrDefault(prefix => IsUnder(path, prefix)) is { } reserved)
        {
            errors.Add($"Route '{route.RouteId}': Match.Path '{path}' is under {reserved}, which the gateway serves itself.");
        }

        foreach (var error in errors)
        {
            context.Errors.Add(new ArgumentException(error));
        }
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
        var cluster = context.Cluster;
        foreach (var (id, destination) in cluster.Destinations ?? new Dictionary<string, DestinationConfig>())
        {
            if (Uri.TryCreate(destination.Address, UriKind.Absolute, out var address) && ownAddresses.Reached(address) is { } own)
            {
                context.Errors.Add(new ArgumentException(
                    $"Cluster '{cluster.ClusterId}': destination '{id}' ({destination.Address}) is the gateway's own address {own}; every request to it would come back to the gateway."));
            }
        }
    }

    public void Apply(TransformBuilderContext context)
    {
        // The route's own transforms are in the list already: the client's headers go before them, the rest after.
        context.RequestTransforms.Insert(0, ClientHeadersTransform.Instance);
        var policy = policies.For(context.Route);
        context.RequestTransforms.Add(new IdentityHeadersTransform(policy));
        if (policy.AssertionAudience is { } audience)
        {
            context.RequestTransforms.Add(new AssertionTransform(policy, audience, context.Services.GetRequiredService<BackendAssertions>()));
        }

        context.RequestTransforms.Add(TraceContextTransform.Instance);
        context.RequestTransforms.Add(PathFidelityTransform.Instance);
    }

    // Policies of middleware that proxied routes skip (they short-circuit at routing): refused rather than ignored.
    private static (string Property, string? Value)[] FrameworkPolicies(RouteConfig route) =>
    [
        (nameof(route.AuthorizationPolicy), route.AuthorizationPolicy),
        (nameof(route.RateLimiterPolicy), route.RateLimiterPolicy),
        (nameof(route.CorsPolicy), route.CorsPolicy),
    ];

    private static bool IsUnder(string path, string prefix) =>
        path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
        && (path.Length == prefix.Length || path[prefix.Length] is '/' or '{');
}
