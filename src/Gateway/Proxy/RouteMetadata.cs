using Trachea.AuthEndpoints.Access;
using Yarp.ReverseProxy.Configuration;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// Reads the gateway's keys of a route's <c>Metadata</c> (docs/route-metadata.md) into a <see cref="RoutePolicy"/>.
/// Keys match in any letter case; values of <c>Auth</c>, <c>MinRole</c> and <c>MinPlan</c> and the names in
/// <c>RateLimitPerMinute</c> too. <c>Assertion</c> and <c>AssertionAudience</c> say whether the backend gets the
/// identity assertion and its <c>aud</c> (default: the route's ClusterId). Every problem is
/// reported, each naming the route. A key starting with <c>x-</c> belongs to another component and is left alone;
/// any other unknown key is a problem (a misspelled rule must not leave a route open), named with the nearest
/// known key.
/// </summary>
internal static class RouteMetadata
{
    public const string Auth = "Auth";
    public const string MinRole = "MinRole";
    public const string MinPlan = "MinPlan";
    public const string App = "App";
    public const string ForwardAuthorization = "ForwardAuthorization";
    public const string RateLimitPerMinute = "RateLimitPerMinute";
    public const string Assertion = "Assertion";
    public const string AssertionAudience = "AssertionAudience";
    public const string SignIn = "SignIn";

    private const string OtherComponentPrefix = "x-";

    private static readonly string[] Known = [Auth, MinRole, MinPlan, App, ForwardAuthorization, RateLimitPerMinute, Assertion, AssertionAudience, SignIn];

    public static RoutePolicy? Read(RouteConfig route, string defaultAppId, ICollection<string> errors)
    {
        var policy = new RoutePolicy(route.RouteId, RouteAuth.Required, defaultAppId, -1, -1, ForwardAuthorization: false);
        var errorsBefore = errors.Count;
        var assertion = true;
        string? audience = null;
        foreach (var (key, value) in route.Metadata ?? new Dictionary<string, string>())
        {
            if (key.StartsWith(OtherComponentPrefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!Known.Any(known => Is(key, known)))
            {
                errors.Add($"Route '{route.RouteId}': Metadata key '{key}' is not known; did you mean '{MetadataKeys.Nearest(key, Known)}'? (Keys for other components start with 'x-'.)");
                continue;
            }

            if (value is null)
            {
                continue;
            }

            if (Is(key, Auth))
            {
                policy = ReadAuth(value) is { } auth ? policy with { Auth = auth } : Fail(policy, errors, route, key, value, "required, optional, anonymous");
            }
            else if (Is(key, MinRole))
            {
                var rank = Roles.Rank(value.ToLowerInvariant());
                policy = rank >= 0 ? policy with { MinRoleRank = rank } : Fail(policy, errors, route, key, value, string.Join(", ", Roles.Ordered));
            }
            else if (Is(key, MinPlan))
            {
                var rank = Plans.Rank(value.ToLowerInvariant());
                policy = rank >= 0 ? policy with { MinPlanRank = rank } : Fail(policy, errors, route, key, value, string.Join(", ", Plans.Ordered));
            }
            else if (Is(key, App))
            {
                policy = AppIds.IsValid(value) ? policy with { AppId = value } : Fail(policy, errors, route, key, value, AppIds.Rule);
            }
            else if (Is(key, ForwardAuthorization))
            {
                policy = bool.TryParse(value, out var forward) ? policy with { ForwardAuthorization = forward } : Fail(policy, errors, route, key, value, "true, false");
            }
            else if (Is(key, SignIn))
            {
                policy = ReadSignIn(value) is { } redirects ? policy with { SignInRedirect = redirects } : Fail(policy, errors, route, key, value, "redirect, never");
            }
            else if (Is(key, RateLimitPerMinute))
            {
                policy = RouteRateLimit.Parse(value) is { } limit ? policy with { RateLimit = limit } : Fail(policy, errors, route, key, value, RouteRateLimit.Rule);
            }
            else if (Is(key, Assertion))
            {
                policy = bool.TryParse(value, out assertion) ? policy : Fail(policy, errors, route, key, value, "true, false");
            }
            else if (Is(key, AssertionAudience))
            {
                audience = AssertionAudiences.IsValid(value) ? value : Fail(audience, errors, route, key, value, AssertionAudiences.Rule);
            }
        }

        if (audience is not null && (!assertion || policy.Auth == RouteAuth.Anonymous))
        {
            errors.Add($"Route '{route.RouteId}': Metadata {AssertionAudience} is set, but the route sends no assertion ({(assertion ? "Auth anonymous ignores tokens" : $"{Assertion} is false")}).");
        }

        policy = policy with { AssertionAudience = assertion && policy.ChecksTokens ? audience ?? route.ClusterId ?? route.RouteId : null };

        // Such a route ignores tokens, so a limit by plan would silently leave it unlimited.
        if (policy is { Auth: RouteAuth.Anonymous, RateLimit.NamesPlans: true })
        {
            errors.Add($"Route '{route.RouteId}': Metadata {RateLimitPerMinute} names plans, but Auth anonymous ignores tokens; use one number or only {RouteRateLimit.AnonymousName}=number.");
        }

        return errors.Count == errorsBefore ? policy : null;
    }

    private static RouteAuth? ReadAuth(string value) => value.ToLowerInvariant() switch
    {
        "required" => RouteAuth.Required,
        "optional" => RouteAuth.Optional,
        "anonymous" => RouteAuth.Anonymous,
        _ => null,
    };

    private static bool? ReadSignIn(string value) => value.ToLowerInvariant() switch
    {
        "redirect" => true,
        "never" => false,
        _ => null,
    };

    private static bool Is(string key, string name) => string.Equals(key, name, StringComparison.OrdinalIgnoreCase);

    private static T Fail<T>(T kept, ICollection<string> errors, RouteConfig route, string key, string value, string allowed)
    {
        errors.Add($"Route '{route.RouteId}': Metadata {key} '{value}' is not valid (allowed: {allowed}).");
        return kept;
    }
}
