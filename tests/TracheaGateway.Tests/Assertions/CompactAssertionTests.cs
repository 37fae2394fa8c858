using System.Diagnostics.Metrics;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Trachea.AuthEndpoints.Assertions;
using Trachea.AuthEndpoints.Configuration;
using Trachea.AuthEndpoints.Telemetry;
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
    private readonly ServiceProvider _meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly AssertionIssuer _issuer;
    private readonly AssertionSigner _signer;

    public CompactAssertionTests()
    {
        _issuer = new AssertionIssuer(Options.Create(new TracheaOptions { AssertionTtlSeconds = 120 }), new TracheaMetrics(_meters.GetRequiredService<IMeterFactory>()));
        _signer = new AssertionSigner("kid-1", Now, _key);
    }

    public void Dispose()
    {
        _key.Dispose();
        _meters.Dispose();
    }

    [Fact]
    public async Task Render_GivesTheSameTextEachTime_WhichVerifiesWithEveryClaim()
    {
        var identity = Identity("member", email: "zoë@exämple.com");
        var assertion = Sign(identity, "billing", Now);

        var first = Render(assertion, identity, "billing");
        var second = Render(assertion, identity, "billing");

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
    public async Task Renew_SignsTheSameAssertionAgainInPlace_AndItsTextFollows()
    {
        var identity = Identity("member");
        Sign(identity, "billing", Now);
        var first = Render(Kept(identity, "billing"), identity, "billing");
        var second = Render(Kept(identity, "billing"), identity, "billing");

        Assert.Same(second, Render(Kept(identity, "billing"), identity, "billing"));
        Sign(identity, "billing", Now.AddSeconds(100));
        var renewed = Render(Kept(identity, "billing"), identity, "billing");

        Assert.Equal(first, second);
        Assert.NotEqual(first, renewed);
        Assert.True((await Verify(renewed, "billing")).IsValid);
        Assert.Equal(Now.ToUnixTimeSeconds() + 100, JsonDocument.Parse(Base64UrlEncoder.Decode(renewed.Split('.')[1])).RootElement.GetProperty("iat").GetInt64());
        Assert.Null(identity.MoreAssertions);
    }

    [Fact]
    public async Task Signature_ReadWhileRenewedTwiceAtOnce_IsNeverAMixOfTwoSignatures()
    {
        var assertion = new AudienceAssertion(next: null);
        assertion.Slot.Write("billing", Marked(0));
        // Two writers, as when two requests of one token renew it at once.
        var renewals = Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            for (var mark = 1; mark <= 20_000; mark++)
            {
                assertion.Slot.Write("billing", Marked(mark));
            }
        })));

        var torn = 0;
        for (var read = 0; read < 200_000 || !renewals.IsCompleted; read++)
        {
            if (!assertion.Slot.TryRead("billing", out var copy) || copy.TokenId != new UInt128((ulong)copy.IssuedAt, (ulong)copy.IssuedAt) || copy.Expires != copy.IssuedAt + 1 || copy.Bytes.ContainsAnyExcept((byte)copy.IssuedAt))
            {
                torn++;
            }
        }

        await renewals;
        Assert.Equal(0, torn);
        Assert.True(assertion.Slot.TryRead("billing", out var last));
        Assert.Equal(20_000, last.IssuedAt);
    }

    [Fact]
    public async Task Render_ForAnIdentityWithOtherClaims_DoesNotVerify()
    {
        var member = Identity("member");
        var assertion = Sign(member, "billing", Now);
        // Sent twice in a row, the member's text is now kept for this jti.
        Render(assertion, member, "billing");
        Render(assertion, member, "billing");

        var forged = Render(assertion, Identity("admin"), "billing");

        Assert.False((await Verify(forged, "billing")).IsValid);
    }

    [Fact]
    public void Issue_NeverOutlivesTheAccessToken_AndRenewsBetweenSixtyAndEightyPercent()
    {
        var shortened = _issuer.Issue(Identity("member", expiresIn: TimeSpan.FromSeconds(50)), "billing", _signer, Now, renewal: false)!.Value;

        Assert.Equal(Now.ToUnixTimeSeconds() + 50, shortened.Expires);
        Assert.InRange(shortened.RenewAt, Now.AddSeconds(30), Now.AddSeconds(40));
        Assert.Null(_issuer.Issue(Identity("member", expiresIn: TimeSpan.Zero), "billing", _signer, Now, renewal: false));
    }

    [Fact]
    public void Issue_ManyAtOnce_SpreadsTheirRenewalsOverTheWindow()
    {
        var identity = Identity("member");

        var renewals = Enumerable.Range(0, 200).Select(_ => _issuer.Issue(identity, "billing", _signer, Now, renewal: false)!.Value.RenewAt).ToList();

        // 120 s lifetimes: renewed between 72 and 96 s, spread rather than together (a tenth at each end is 200 draws
        // all missing it, about 10^-9).
        Assert.All(renewals, renewAt => Assert.InRange(renewAt, Now.AddSeconds(72), Now.AddSeconds(96)));
        Assert.True(renewals.Min() < Now.AddSeconds(74.4), $"earliest renewal {renewals.Min() - Now}");
        Assert.True(renewals.Max() > Now.AddSeconds(93.6), $"latest renewal {renewals.Max() - Now}");
    }

    [Fact]
    public void Issue_AsARenewal_RenewsAtEightyPercent_EveryTime()
    {
        var renewals = Enumerable.Range(0, 50).Select(_ => _issuer.Issue(Identity("member"), "billing", _signer, Now, renewal: true)!.Value.RenewAt);
        var shortened = _issuer.Issue(Identity("member", expiresIn: TimeSpan.FromSeconds(50)), "billing", _signer, Now, renewal: true)!.Value;

        // Spread once, at first, renewals stay as far apart as they started while signing as seldom as reuse allows.
        Assert.All(renewals, renewAt => Assert.Equal(Now.AddSeconds(96), renewAt));
        Assert.Equal(Now.AddSeconds(40), shortened.RenewAt);
    }

    [Fact]
    public void Cache_KeepsOneAssertionPerAudience_AtMostFour_TheFirstInPlace_TheOthersNewestFirst()
    {
        var identity = Identity("member");
        foreach (var audience in new[] { "a", "b", "c", "d", "e", "e" })
        {
            Sign(identity, audience, Now);
        }

        Assert.True(identity.FirstAssertion.Holds("a"));
        Assert.False(AssertionCache.TryFind(identity, "b", out _));
        Assert.Equal(["e", "d", "c"], FurtherAudiences(identity, "a", "b", "c", "d", "e"));
        Assert.All(["a", "c", "d", "e"], (string audience) => Assert.True(AssertionCache.TryFind(identity, audience, out _)));
    }

    [Fact]
    public void Signature_KeepsItsTimesAndTokenIdExactly()
    {
        var tokenId = new UInt128(0x0123456789abcdef, 0xfedcba9876543210);

        var signature = new AssertionSignature(_signer, uint.MaxValue - 120, uint.MaxValue, uint.MaxValue - 24, tokenId, new byte[AssertionSignature.Length]);

        Assert.Equal((uint.MaxValue - 120L, (long)uint.MaxValue, tokenId), (signature.IssuedAt, signature.Expires, signature.TokenId));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(uint.MaxValue - 24L), signature.RenewAt);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AssertionSignature(_signer, uint.MaxValue - 120L, uint.MaxValue + 1L, uint.MaxValue - 24L, tokenId, new byte[AssertionSignature.Length]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AssertionSignature(_signer, 0, ushort.MaxValue + 1, 1, tokenId, new byte[AssertionSignature.Length]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AssertionSignature(_signer, 100, 220, 99, tokenId, new byte[AssertionSignature.Length]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AssertionSignature(_signer, 100, 220, 221, tokenId, new byte[AssertionSignature.Length]));
    }

    [Fact]
    public void Render_WritesTheJtiAsThirtyTwoLowercaseHexDigitsOfTheTokenId()
    {
        var identity = Identity("member");
        var assertion = new AssertionSignature(_signer, 1, 2, 2, new UInt128(0x0123456789abcdef, 0x00000000000000a0), new byte[AssertionSignature.Length]);

        var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(Render(assertion, identity, "billing").Split('.')[1])).RootElement;

        Assert.Equal("0123456789abcdef00000000000000a0", payload.GetProperty("jti").GetString());
    }

    // The audiences of the identity's list, in its order, among those given.
    private static IEnumerable<string> FurtherAudiences(GatewayIdentity identity, params string[] audiences)
    {
        for (var assertion = identity.MoreAssertions; assertion is not null; assertion = assertion.Next)
        {
            yield return audiences.Single(assertion.Slot.Holds);
        }
    }

    // A signature whose every part tells which renewal wrote it.
    private AssertionSignature Marked(int mark)
    {
        var bytes = new byte[AssertionSignature.Length];
        Array.Fill(bytes, (byte)mark);
        return new AssertionSignature(_signer, mark, mark + 1, mark + 1, new UInt128((ulong)mark, (ulong)mark), bytes);
    }

    private AssertionSignature Sign(GatewayIdentity identity, string audience, DateTimeOffset now)
    {
        var signature = _issuer.Issue(identity, audience, _signer, now, renewal: false)!.Value;
        AssertionCache.Keep(identity, audience, signature);
        return signature;
    }

    private static AssertionSignature Kept(GatewayIdentity identity, string audience) =>
        AssertionCache.TryFind(identity, audience, out var signature) ? signature : throw new InvalidOperationException($"no assertion for {audience}");

    private string Render(in AssertionSignature signature, GatewayIdentity identity, string audience) => _issuer.Render(signature, identity, audience);

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
