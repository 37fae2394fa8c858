using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Configuration;
using Trachea.Gateway.Proxy;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Trachea.Tests.Proxy;

/// <summary><c>RateLimitPerMinute</c> as the configuration load reads it: good values become limits, bad ones stop the load.</summary>
public sealed class RateLimitMetadataTests
{
    private readonly RoutePolicies _policies = new(Options.Create(new TracheaOptions { AppId = "demo" }));

    [Fact]
    public void NoKey_RouteNotLimited() => Assert.Null(Read(new()).RateLimit);

    [Theory]
    [InlineData("100")]
    [InlineData(" 100 ")]
    public void OneNumber_LimitsEveryCaller(string value)
    {
        var limit = Read(new() { ["RateLimitPerMinute"] = value }).RateLimit!;

        Assert.Equal(100, limit.Anonymous?.PerMinute);
        Assert.Equal([100, 100, 100], [limit.ForPlan(0)?.PerMinute, limit.ForPlan(1)?.PerMinute, limit.ForPlan(2)?.PerMinute]);
        Assert.False(limit.NamesPlans);
    }

    [Fact]
    public void Pairs_LimitThoseNamed_OthersNotLimited()
    {
        var limit = Read(new() { ["ratelimitperminute"] = "Anonymous=30, free=60,PRO=600" }).RateLimit!;

        Assert.Equal(30, limit.Anonymous?.PerMinute);
        Assert.Equal(60, limit.ForPlan(0)?.PerMinute);
        Assert.Equal(600, limit.ForPlan(1)?.PerMinute);
        Assert.Null(limit.ForPlan(2));
        Assert.True(limit.NamesPlans);
    }

    [Fact]
    public void PlansOnly_AnonymousNotLimited() => Assert.Null(Read(new() { ["RateLimitPerMinute"] = "pro=600" }).RateLimit!.Anonymous);

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("1000001")]
    [InlineData("ten")]
    [InlineData("1.5")]
    [InlineData("free=60,")]
    [InlineData("free=60;pro=600")]
    [InlineData("gold=60")]
    [InlineData("free=60,free=70")]
    [InlineData("free=0")]
    [InlineData("free")]
    [InlineData("free=60=70")]
    [InlineData("60,pro=600")]
    public void BadValue_RefusedInOneLineNamingTheRoute(string value)
    {
        var error = Assert.Single(Validate(Route(new() { ["RateLimitPerMinute"] = value })));

        Assert.StartsWith($"Route 'r1': Metadata RateLimitPerMinute '{value}' is not valid (allowed: a number from 1 to 1000000", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }

    [Theory]
    [InlineData("free=60")]
    [InlineData("anonymous=30,pro=600")]
    public void PlansOnAnAnonymousRoute_Refused(string value)
    {
        var error = Assert.Single(Validate(Route(new() { ["Auth"] = "anonymous", ["RateLimitPerMinute"] = value })));

        Assert.StartsWith("Route 'r1': Metadata RateLimitPerMinute names plans, but Auth anonymous ignores tokens", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("30")]
    [InlineData("anonymous=30")]
    public void AddressLimitOnAnAnonymousRoute_Accepted(string value) =>
        Assert.Empty(Validate(Route(new() { ["Auth"] = "anonymous", ["RateLimitPerMinute"] = value })));

    private static RouteConfig Route(Dictionary<string, string> metadata) => new()
    {
        RouteId = "r1",
        ClusterId = "c1",
        Match = new RouteMatch { Path = "/api/{**rest}" },
        Metadata = metadata,
    };

    private RoutePolicy Read(Dictionary<string, string> metadata)
    {
        var errors = new List<string>();
        var policy = _policies.TryRead(Route(metadata), errors);
        Assert.Empty(errors);
        return policy!;
    }

    private List<string> Validate(RouteConfig route)
    {
        var context = new TransformRouteValidationContext { Services = null!, Route = route };
        new GatewayTransformProvider(_policies, OwnAddressesTests.From(string.Empty)).ValidateRoute(context);
        return context.Errors.Select(e => e.Message).ToList();
    }
}
