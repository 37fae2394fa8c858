using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Trachea.AuthEndpoints.Assertions;
using Trachea.Tests.Infrastructure;
using Trachea.Tests.Proxy;

namespace Trachea.Tests.Assertions;

/// <summary>
/// Reuse of an assertion, rotation and retirement on a clock the test moves, and two instances on one store;
/// each test has gateways of its own, since it changes the ring.
/// </summary>
public sealed class KeyRingTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly RecordingBackend _backend = new();
    private readonly List<AssertionGateway> _apps = [];

    public void Dispose()
    {
        // Later instances share the first one's data directory, which it deletes.
        foreach (var app in Enumerable.Reverse(_apps))
        {
            app.Dispose();
        }

        _backend.Dispose();
    }

    [Fact]
    public async Task Assertion_ReusedWithinSixtyPercentOfItsLife_RenewedAfterEighty_ItsRenewalAtEightyExactly()
    {
        // An audience of this test's own: other tests' gateways sign for "recording" in the same process at the same time.
        var audience = $"counted-{Guid.NewGuid():N}";
        var app = Start(otherAudience: audience);
        var tokens = await app.RegisterAsync(TestUsers.UniqueName());
        var first = await app.AssertionAtAsync(_backend, "/audience", tokens.AccessToken);

        app.Clock.Advance(TimeSpan.FromSeconds(71));
        var reused = await app.AssertionAtAsync(_backend, "/audience", tokens.AccessToken);
        var otherAudience = await app.AssertionAtAsync(_backend, "/asserted", tokens.AccessToken);
        app.Clock.Advance(TimeSpan.FromSeconds(26));
        var renewed = await app.AssertionAtAsync(_backend, "/audience", tokens.AccessToken);
        // The first assertion's renewal point is drawn; a renewal's is 80% of its lifetime, 96 s.
        app.Clock.Advance(TimeSpan.FromSeconds(95));
        var renewalReused = await app.AssertionAtAsync(_backend, "/audience", tokens.AccessToken);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var renewedAgain = await app.AssertionAtAsync(_backend, "/audience", tokens.AccessToken);

        Assert.Equal(first, reused);
        Assert.NotEqual(first, otherAudience);
        Assert.NotEqual(first, renewed);
        Assert.True((await app.VerifyAsync(renewed!, audience)).IsValid);
        Assert.True(AssertionGateway.Payload(renewed!)["iat"].GetInt64() > AssertionGateway.Payload(first!)["iat"].GetInt64());
        Assert.Equal(renewed, renewalReused);
        Assert.NotEqual(renewed, renewedAgain);
        var metrics = await app.CreateClient().GetStringAsync("/metrics");
        Assert.Matches($$"""trachea_assertions_signed_total\{[^}]*audience="{{audience}}"[^}]*\} 3( [0-9]+)?\n""", metrics);
    }

    [Fact]
    public async Task Rotate_JwksListsBoth_OldKeySignsUntilTheNewOnesStart()
    {
        var app = Start();
        var tokens = await app.RegisterAsync(TestUsers.UniqueName());
        var oldKid = Kid(await app.AssertionAtAsync(_backend, "/asserted", tokens.AccessToken));

        var added = await app.Service<SigningKeyAdministration>().RotateAsync(None);
        await app.Service<AssertionKeyPoller>().PollOnceAsync(None);

        Assert.Equal(new[] { oldKid, added.Kid }.Order(StringComparer.Ordinal), Kids(await app.JwksAsync()).Order(StringComparer.Ordinal));
        app.Clock.Advance(SigningKeyAdministration.RotationDelay - TimeSpan.FromSeconds(1));
        Assert.Equal(oldKid, Kid(await app.AssertionAtAsync(_backend, "/asserted", tokens.AccessToken)));

        app.Clock.Advance(TimeSpan.FromSeconds(1));

        var rotated = await app.AssertionAtAsync(_backend, "/asserted", tokens.AccessToken);
        Assert.Equal(added.Kid, Kid(rotated));
        Assert.True((await app.VerifyAsync(rotated!, "recording")).IsValid);
        Assert.Equal(2, Kids(await app.JwksAsync()).Count);
    }

    [Fact]
    public async Task Retire_NothingNewIsSignedWithIt_ItStaysPublishedUntilItsAssertionsExpired()
    {
        var app = Start();
        var tokens = await app.RegisterAsync(TestUsers.UniqueName());
        var before = await app.AssertionAtAsync(_backend, "/asserted", tokens.AccessToken);
        var oldKid = Kid(before);
        var added = await app.Service<SigningKeyAdministration>().RotateAsync(None);

        Assert.Equal(SigningKeyAdministration.RetireOutcome.Retired, await app.Service<SigningKeyAdministration>().RetireAsync(oldKid, None));
        await app.Service<AssertionKeyPoller>().PollOnceAsync(None);

        var after = await app.AssertionAtAsync(_backend, "/asserted", tokens.AccessToken);
        Assert.Equal(added.Kid, Kid(after));
        Assert.NotEqual(before, after);
        Assert.True((await app.VerifyAsync(before!, "recording")).IsValid);
        app.Clock.Advance(KeyRing.PublishedAfterRetirement);
        Assert.Equal([added.Kid], Kids(await app.JwksAsync()));
    }

    [Fact]
    public async Task Retire_TheOnlyKey_IsRefused()
    {
        var app = Start();
        var kid = Assert.Single(Kids(await app.JwksAsync()));

        Assert.Equal(SigningKeyAdministration.RetireOutcome.LastKey, await app.Service<SigningKeyAdministration>().RetireAsync(kid, None));
        Assert.Equal(SigningKeyAdministration.RetireOutcome.NotFound, await app.Service<SigningKeyAdministration>().RetireAsync("nope", None));
    }

    [Fact]
    public async Task TwoInstancesOnOneStore_PublishTheSameKeys_EachVerifiesTheOthersAssertions()
    {
        var first = Start();
        var second = Start(first.DataDir);
        var tokens = await first.RegisterAsync(TestUsers.UniqueName());

        var fromFirst = await first.AssertionAtAsync(_backend, "/asserted", tokens.AccessToken);
        var fromSecond = await second.AssertionAtAsync(_backend, "/asserted", tokens.AccessToken);

        var firstJwks = await first.JwksAsync();
        var secondJwks = await second.JwksAsync();
        Assert.Equal(firstJwks, secondJwks);
        Assert.Single(Kids(firstJwks));
        Assert.True((await first.VerifyAsync(fromFirst!, "recording", secondJwks)).IsValid);
        Assert.True((await second.VerifyAsync(fromSecond!, "recording", firstJwks)).IsValid);

        var added = await first.Service<SigningKeyAdministration>().RotateAsync(None);
        await second.Service<AssertionKeyPoller>().PollOnceAsync(None);
        Assert.Contains(added.Kid, Kids(await second.JwksAsync()));
    }

    private AssertionGateway Start(string? dataDir = null, string otherAudience = AssertionGateway.DefaultOtherAudience)
    {
        var app = new AssertionGateway(_backend, dataDir, otherAudience: otherAudience);
        _apps.Add(app);
        return app;
    }

    private static string Kid(string? assertion) => new JsonWebToken(assertion).Kid;

    private static List<string> Kids(string jwks) =>
        JsonDocument.Parse(jwks).RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!).ToList();
}
