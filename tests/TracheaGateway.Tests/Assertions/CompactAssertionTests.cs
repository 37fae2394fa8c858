using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Trachea.AuthEndpoints.Assertions;
using Trachea.AuthEndpoints.Configuration;
using Trachea.Gateway.Proxy;

namespace Trachea.Tests.Assertions;

/// <summary>
/// A signed assertion is kept without its text and rendered again on every request: the rendering must give the
/// same verifiable text each time, and only for the identity it was signed for.
/// </summary>
public sealed class CompactAssertionTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly AssertionIssuer _issuer = new(Options.Create(new TracheaOptions { AssertionTtlSeconds = 120 }));

    public void Dispose() => _key.Dispose();

    [Fact]
    public async Task Render_GivesTheSameTextEachTime_WhichVerifiesWithEveryClaim()
    {
        var signer = new AssertionSigner("kid-1", Now, _key);
        var identity = Identity("member", email: "zoë@exämple.com");
        var signed = _issuer.Issue(identity, "billing", signer, Now)!;

        var first = _issuer.Render(signed, identity);
        var second = _issuer.Render(signed, identity);

        Assert.Equal(first, second);
        var result = await Verify(first, "billing");
        Assert.True(result.IsValid, result.Exception?.Message);
        var token = (JsonWebToken)result.SecurityToken;
        Assert.Equal(("ES256", "kid-1", AssertionClaims.TokenType), (token.Alg, token.Kid, token.Typ));
        Assert.Equal("zoë@exämple.com", token.GetPayloadValue<string>("email"));
        Assert.Equal(("user-1", "member", "free"), (token.Subject, token.GetPayloadValue<string>("role"), token.GetPayloadValue<string>("plan")));
        Assert.Equal(Now.ToUnixTimeSeconds() + 120, token.GetPayloadValue<long>("exp"));
    }

    [Fact]
    public void Render_OfABusyToken_SharesOneString_UntilAnotherAssertionTakesItsPlace()
    {
        var signer = new AssertionSigner("kid-1", Now, _key);
        var identity = Identity("member");
        var signed = _issuer.Issue(identity, "billing", signer, Now)!;

        var first = _issuer.Render(signed, identity);

        Assert.Same(first, _issuer.Render(signed, identity));
        var renewed = _issuer.Issue(identity, "billing", signer, Now.AddSeconds(100))!;
        Assert.NotEqual(first, _issuer.Render(renewed, identity));
    }

    [Fact]
    public async Task Render_ForAnIdentityWithOtherClaims_DoesNotVerify()
    {
        var signer = new AssertionSigner("kid-1", Now, _key);
        var signed = _issuer.Issue(Identity("member"), "billing", signer, Now)!;

        var forged = _issuer.Render(signed, Identity("admin"));

        Assert.False((await Verify(forged, "billing")).IsValid);
    }

    [Fact]
    public void Issue_NeverOutlivesTheAccessToken_AndRenewsAtEightyPercent()
    {
        var signer = new AssertionSigner("kid-1", Now, _key);

        var shortened = _issuer.Issue(Identity("member", expiresIn: TimeSpan.FromSeconds(50)), "billing", signer, Now)!;

        Assert.Equal(Now.ToUnixTimeSeconds() + 50, shortened.Expires);
        Assert.Equal(Now.AddSeconds(40), shortened.RenewAt);
        Assert.Null(_issuer.Issue(Identity("member", expiresIn: TimeSpan.Zero), "billing", signer, Now));
    }

    [Fact]
    public void Cache_AnswersPerAudienceAndSigner_UntilRenewal_KeepingFourAudiences()
    {
        var signer = new AssertionSigner("kid-1", Now, _key);
        var otherSigner = new AssertionSigner("kid-2", Now, _key);
        var identity = Identity("member");
        foreach (var audience in new[] { "a", "b", "c", "d", "e" })
        {
            AssertionCache.Add(identity, _issuer.Issue(identity, audience, signer, Now)!);
        }

        Assert.False(AssertionCache.TryGet(identity, "a", signer, Now, out _));
        Assert.True(AssertionCache.TryGet(identity, "e", signer, Now, out var kept));
        Assert.Equal("e", kept.Audience);
        Assert.True(AssertionCache.TryGet(identity, "b", signer, Now.AddSeconds(95), out _));
        Assert.False(AssertionCache.TryGet(identity, "b", signer, Now.AddSeconds(96), out _));
        Assert.False(AssertionCache.TryGet(identity, "b", otherSigner, Now, out _));
        Assert.Equal(AssertionCache.AudiencesPerToken, identity.Assertions!.Length);
    }

    private static GatewayIdentity Identity(string role, string? email = null, TimeSpan? expiresIn = null)
    {
        var claims = new List<Claim>
        {
            new("sub", "user-1"), new("app_id", "shop"), new("role", role), new("plan", "free"), new("provider", "username"),
            new("sid", "0123456789abcdef0123456789abcdef"), new("username", "zoe"), new("ver", "0"),
            new("exp", (Now + (expiresIn ?? TimeSpan.FromHours(1))).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (email is not null)
        {
            claims.Add(new Claim("email", email));
        }

        return GatewayIdentity.From(new ClaimsPrincipal(new ClaimsIdentity(claims)));
    }

    private Task<TokenValidationResult> Verify(string assertion, string audience) =>
        new JsonWebTokenHandler().ValidateTokenAsync(assertion, new TokenValidationParameters
        {
            ValidIssuer = AssertionSettings.DefaultIssuer,
            ValidAudience = audience,
            ValidAlgorithms = ["ES256"],
            ValidTypes = [AssertionClaims.TokenType],
            IssuerSigningKey = new ECDsaSecurityKey(ECDsa.Create(_key.ExportParameters(includePrivateParameters: false))) { KeyId = "kid-1" },
            LifetimeValidator = (_, _, _, _) => true,
        });
}
