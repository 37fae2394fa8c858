using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Configuration;
using Trachea.Gateway.Proxy;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Trachea.Tests.Proxy;

public sealed class RouteMetadataTests
{
    private readonly GatewayTransformProvider _provider = new(new RoutePolicies(Options.Create(new TracheaOptions { AppId = "demo" })), OwnAddressesTests.From(string.Empty));

    [Fact]
    public void NoMetadata_RequiredForTheDefaultApp()
    {
        var policy = Read(Route());

        Assert.Equal(new RoutePolicy("r1", RouteAuth.Required, "demo", -1, -1, ForwardAuthorization: false) { AssertionAudience = "c1" }, policy);
    }

    [Theory]
    [InlineData("Auth", "anonymous", "Auth=Anonymous")]
    [InlineData("auth", "Optional", "Auth=Optional")]
    [InlineData("AUTH", "required", "Auth=Required")]
    [InlineData("MinRole", "guest", "MinRoleRank=0")]
    [InlineData("MinRole", "Admin", "MinRoleRank=2")]
    [InlineData("minplan", "pro", "MinPlanRank=1")]
    [InlineData("MinPlan", "enterprise", "MinPlanRank=2")]
    [InlineData("App", "other", "AppId=other")]
    [InlineData("ForwardAuthorization", "true", "ForwardAuthorization=True")]
    [InlineData("ForwardAuthorization", "False", "ForwardAuthorization=False")]
    [InlineData("x-SomethingElse", "whatever", "Auth=Required")]
    [InlineData("X-MinRole", "admin", "MinRoleRank=-1")]
    [InlineData("AssertionAudience", "billing-api", "AssertionAudience=billing-api")]
    [InlineData("assertionaudience", "https://billing.example.com", "AssertionAudience=https://billing.example.com")]
    [InlineData("Assertion", "True", "AssertionAudience=c1")]
    public void ValidValue_ReadIntoThePolicy(string key, string value, string expected)
    {
        var policy = Read(Route(new() { [key] = value }));

        var (property, shown) = (expected.Split('=')[0], expected.Split('=')[1]);
        Assert.Equal(shown, typeof(RoutePolicy).GetProperty(property)!.GetValue(policy)!.ToString());
    }

    [Theory]
    [InlineData("Auth", "public")]
    [InlineData("Auth", "")]
    [InlineData("MinRole", "boss")]
    [InlineData("MinRole", "")]
    [InlineData("MinPlan", "gold")]
    [InlineData("App", "Demo")]
    [InlineData("App", "has space")]
    [InlineData("App", "")]
    [InlineData("ForwardAuthorization", "yes")]
    [InlineData("Assertion", "off")]
    [InlineData("AssertionAudience", "")]
    [InlineData("AssertionAudience", "two words")]
    [InlineData("AssertionAudience", "caf\u00e9")]
    public void InvalidValue_ErrorNamesRouteKeyAndValue(string key, string value)
    {
        var errors = Validate(Route(new() { [key] = value }));

        var error = Assert.Single(errors);
        Assert.StartsWith($"Route 'r1': Metadata {key} '{value}' is not valid", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MinRoles", "MinRole")]
    [InlineData("minrol", "MinRole")]
    [InlineData("MinPlans", "MinPlan")]
    [InlineData("Auht", "Auth")]
    [InlineData("Apps", "App")]
    [InlineData("Forward-Authorization", "ForwardAuthorization")]
    [InlineData("xMinRole", "MinRole")]
    [InlineData("Assertions", "Assertion")]
    [InlineData("AssertionAudiences", "AssertionAudience")]
    public void UnknownKey_RefusedNamingTheRouteAndTheNearestKnownKey(string key, string nearest)
    {
        var error = Assert.Single(Validate(Route(new() { [key] = "admin" })));

        Assert.Equal($"Route 'r1': Metadata key '{key}' is not known; did you mean '{nearest}'? (Keys for other components start with 'x-'.)", error);
    }

    [Theory]
    [InlineData("false")]
    [InlineData("False")]
    public void AssertionFalse_RouteSendsNone(string value) =>
        Assert.Null(Read(Route(new() { ["Assertion"] = value }))!.AssertionAudience);

    [Fact]
    public void AnonymousRoute_SendsNoAssertion() => Assert.Null(Read(Route(new() { ["Auth"] = "anonymous" }))!.AssertionAudience);

    [Theory]
    [InlineData("Assertion", "false", "Assertion is false")]
    [InlineData("Auth", "anonymous", "Auth anonymous ignores tokens")]
    public void AudienceOnARouteThatSendsNoAssertion_Refused(string key, string value, string reason)
    {
        var error = Assert.Single(Validate(Route(new() { [key] = value, ["AssertionAudience"] = "billing" })));

        Assert.Equal($"Route 'r1': Metadata AssertionAudience is set, but the route sends no assertion ({reason}).", error);
    }

    [Fact]
    public void AssertionOff_NoRouteSendsOne()
    {
        var policies = new RoutePolicies(Options.Create(new TracheaOptions { AppId = "demo", Assertion = "off" }));

        Assert.Null(policies.For(Route(new() { ["AssertionAudience"] = "billing" })).AssertionAudience);
    }

    [Fact]
    public void UnknownKeyBesideValidOnes_RouteNotRead()
    {
        var errors = new List<string>();

        var policy = RouteMetadata.Read(Route(new() { ["Auth"] = "required", ["MinRoles"] = "admin" }), "demo", errors);

        Assert.Null(policy);
        Assert.Single(errors);
    }

    [Theory]
    [InlineData("x-team")]
    [InlineData("X-Cache")]
    [InlineData("x-")]
    public void KeyForAnotherComponent_Ignored(string key) => Assert.Empty(Validate(Route(new() { [key] = "anything" })));

    [Fact]
    public void SeveralInvalidValues_EachReported()
    {
        var errors = Validate(Route(new() { ["Auth"] = "public", ["MinRole"] = "boss", ["MinPlan"] = "gold" }));

        Assert.Equal(3, errors.Count);
    }

    [Theory]
    [InlineData("/auth/{**rest}")]
    [InlineData("/Users/me")]
    [InlineData("/healthz")]
    [InlineData("/openapi/{**rest}")]
    [InlineData("/.well-known/{**rest}")]
    [InlineData("/.well-known/jwks.json")]
    public void PathUnderTheGatewaysOwnEndpoints_Refused(string path)
    {
        var error = Assert.Single(Validate(Route(path: path)));

        Assert.Contains("which the gateway serves itself", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/authors/{**rest}")]
    [InlineData("/api/auth/{**rest}")]
    [InlineData("/{**rest}")]
    public void PathOutsideTheGatewaysOwnEndpoints_Accepted(string path) => Assert.Empty(Validate(Route(path: path)));

    [Fact]
    public void NegativeOrder_Refused()
    {
        var error = Assert.Single(Validate(Route() with { Order = -1 }));

        Assert.Contains("Order must not be negative", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(RouteConfig.AuthorizationPolicy))]
    [InlineData(nameof(RouteConfig.RateLimiterPolicy))]
    [InlineData(nameof(RouteConfig.CorsPolicy))]
    public void FrameworkPolicyOnARoute_Refused(string property)
    {
        var route = property switch
        {
            nameof(RouteConfig.AuthorizationPolicy) => Route() with { AuthorizationPolicy = "default" },
            nameof(RouteConfig.RateLimiterPolicy) => Route() with { RateLimiterPolicy = "trachea-auth-per-address" },
            _ => Route() with { CorsPolicy = "default" },
        };

        var error = Assert.Single(Validate(route));

        Assert.Equal($"Route 'r1': {property} is not supported; a route's rules are its Metadata (Auth, MinRole, MinPlan, App, RateLimitPerMinute).", error);
    }

    private static RouteConfig Route(Dictionary<string, string>? metadata = null, string path = "/api/{**rest}") => new()
    {
        RouteId = "r1",
        ClusterId = "c1",
        Match = new RouteMatch { Path = path },
        Metadata = metadata,
    };

    private static RoutePolicy? Read(RouteConfig route)
    {
        var errors = new List<string>();
        var policy = RouteMetadata.Read(route, "demo", errors);
        Assert.Empty(errors);
        return policy;
    }

    private List<string> Validate(RouteConfig route)
    {
        var context = new TransformRouteValidationContext { Services = null!, Route = route };
        _provider.ValidateRoute(context);
        return context.Errors.Select(e => e.Message).ToList();
    }
}
