using Microsoft.AspNetCore.Http;
using Trachea.Gateway.Proxy;

namespace Trachea.Tests.Proxy;

/// <summary>The path rules on the path as Kestrel hands it over (decoded but %2F, dot segments resolved).</summary>
public sealed class PathRulesTests
{
    [Theory]
    [InlineData("/api/orders/42")]
    [InlineData("/api/orders/")]
    [InlineData("/")]
    [InlineData("")]
    [InlineData("/api/v1.2/file.txt")]
    [InlineData("/api/.well-known/x")]
    [InlineData("/api/a b/c")]
    [InlineData("/api/ünïcode")]
    public void OrdinaryPath_AcceptedEverywhere(string path)
    {
        Assert.Null(PathRules.FindProblem(new PathString(path)));
        Assert.Null(PathRules.FindAmbiguousEncoding(new PathString(path)));
    }

    [Theory]
    [InlineData("/api/a%2Fb")]
    [InlineData("/api/a%2fb")]
    [InlineData("/api/a\\b")]
    [InlineData("/api/x;jsessionid=1")]
    [InlineData("/api//admin")]
    [InlineData("//api/admin")]
    [InlineData("/api/admin.")]
    [InlineData("/api/admin./x")]
    [InlineData("/api/../admin")]
    [InlineData("/api/./admin")]
    [InlineData("/api/..")]
    [InlineData("/api/admin /x")]
    [InlineData("/api/a\u0000b")]
    [InlineData("/api/a\tb")]
    [InlineData("/api/a\u007fb")]
    public void AmbiguousPath_RefusedOnProtectedRoutes(string path) => Assert.NotNull(PathRules.FindProblem(new PathString(path)));

    [Theory]
    [InlineData("/api/%2e%2e/admin", true)]
    [InlineData("/api/%61dmin", true)]
    [InlineData("/api/%25", true)]
    [InlineData("/api/x%", true)]
    [InlineData("/api/x%2", true)]
    [InlineData("/api/a%2Fb", false)]
    [InlineData("/api/a%2fb%2F", false)]
    [InlineData("/api/a%2Fb%2e", true)]
    public void PercentLeftAfterDecoding_RefusedEverywhereButAnEncodedSlash(string path, bool refused) =>
        Assert.Equal(refused, PathRules.FindAmbiguousEncoding(new PathString(path)) is not null);
}
