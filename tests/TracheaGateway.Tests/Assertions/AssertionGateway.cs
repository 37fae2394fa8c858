using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Trachea.AuthEndpoints.Assertions;
using Trachea.Tests.Firebase;
using Trachea.Tests.Infrastructure;
using Trachea.Tests.Proxy;

namespace Trachea.Tests.Assertions;

/// <summary>
/// The gateway in process with a clock the test moves, in front of a <see cref="RecordingBackend"/>, with one route
/// per way a route treats the assertion. Several may share one data directory, as instances share one store.
/// </summary>
internal sealed class AssertionGateway : GatewayApplication
{

    /// <summary>The <c>AssertionAudience</c> of the <c>/audience</c> route unless a test gives one of its own.</summary>
    public const string DefaultOtherAudience = "billing-api";

    /// <param name="otherAudience">
    /// The <c>AssertionAudience</c> of the <c>/audience</c> route. A test that reads this instance's counts on
    /// <c>/metrics</c> gives it one of its own: every gateway in the test process exports the counts of all of them.
    /// </param>
    public AssertionGateway(RecordingBackend backend, string? dataDir = null, IDictionary<string, string?>? settings = null, string otherAudience = DefaultOtherAudience)
        : base(settings, dataDir, keepDataDir: dataDir is not null)
    {
        RoutesFile = Path.Combine(DataDir, $"gateway-{Guid.NewGuid():N}.json");
        File.WriteAllText(RoutesFile, RoutesJson(backend.Url, otherAudience));
    }

    /// <summary>Starts at the real time, so tokens also pass the framework's own lifetime check.</summary>
    public ManualTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Sends <paramref name="token"/> to <paramref name="prefix"/>/&lt;unique&gt; and returns the assertion the backend got (null for none).</summary>
    public async Task<string?> AssertionAtAsync(RecordingBackend backend, string prefix, string token)
    {
        var marker = Guid.NewGuid().ToString("N");
        using var client = CreateClient(token);
        using var response = await client.GetAsync($"{prefix}/{marker}");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (await backend.SingleWithAsync(marker)).Header(AssertionClaims.Header);
    }

    public async Task<string> JwksAsync()
    {
        using var client = CreateClient();
        return await client.GetStringAsync(JwksEndpoint.Path);
    }

    /// <summary>Verifies as a backend following docs/assertion.md would, on the test's clock.</summary>
    public async Task<TokenValidationResult> VerifyAsync(string assertion, string audience, string? jwks = null)
    {
        var keys = new JsonWebKeySet(jwks ?? await JwksAsync()).GetSigningKeys();
        return await new JsonWebTokenHandler().ValidateTokenAsync(assertion, new TokenValidationParameters
        {
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            ValidTypes = [AssertionClaims.TokenType],
            ValidIssuer = "trachea-gateway",
            ValidAudience = audience,
            IssuerSigningKeys = keys,
            RequireExpirationTime = true,
            LifetimeValidator = (notBefore, expires, _, _) => notBefore <= Clock.GetUtcNow().UtcDateTime && Clock.GetUtcNow().UtcDateTime < expires,
        });
    }

    public static Dictionary<string, JsonElement> Payload(string jwt) =>
        JwtPayload.Read(jwt).EnumerateObject().ToDictionary(claim => claim.Name, claim => claim.Value.Clone());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    private static string RoutesJson(string backendUrl, string otherAudience)
    {
        var routes = new Dictionary<string, object>
        {
            ["asserted"] = TestRoutes.Route("/asserted/{**rest}", "recording", new()),
            ["audience"] = TestRoutes.Route("/audience/{**rest}", "recording", new() { ["AssertionAudience"] = otherAudience }),
            ["optional"] = TestRoutes.Route("/optional/{**rest}", "recording", new() { ["Auth"] = "optional" }),
            ["admin-only"] = TestRoutes.Route("/admin-only/{**rest}", "recording", new() { ["MinRole"] = "admin" }),
            ["other-app"] = TestRoutes.Route("/other-app/{**rest}", "recording", new() { ["App"] = "other" }),
            ["no-assertion"] = TestRoutes.Route("/no-assertion/{**rest}", "recording", new() { ["Assertion"] = "false" }),
            ["anonymous"] = TestRoutes.Route("/anonymous/{**rest}", "recording", new() { ["Auth"] = "anonymous" }),
        };
        var clusters = new Dictionary<string, object> { ["recording"] = TestRoutes.Cluster(backendUrl) };
        return JsonSerializer.Serialize(new { ReverseProxy = new { Routes = routes, Clusters = clusters } });
    }
}
