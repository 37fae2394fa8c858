using Microsoft.IdentityModel.Tokens;
using Trachea.AuthEndpoints.Access;
using Trachea.AuthEndpoints.Errors;

namespace Trachea.Tests.Firebase;

public sealed class FirebaseTokenVerifierTests : IDisposable
{
    private readonly FirebaseTestContext _context = new();

    public void Dispose() => _context.Dispose();

    [Theory]
    [InlineData("google.com", AuthMethods.Google)]
    [InlineData("facebook.com", AuthMethods.Facebook)]
    [InlineData("apple.com", AuthMethods.Apple)]
    [InlineData("password", AuthMethods.Password)]
    public async Task Verify_ValidTokenOfEachProvider_ReturnsIdentity(string provider, string method)
    {
        var identity = await _context.VerifyAsync(_context.Token(claims => claims["firebase"] = Firebase(provider)));

        Assert.Equal("uid-123", identity.Uid);
        Assert.Equal("alice.smith@example.com", identity.Email);
        Assert.True(identity.EmailVerified);
        Assert.Equal("Alice Smith", identity.Name);
        Assert.Equal("https://example.test/alice.png", identity.Picture);
        Assert.Equal(provider, identity.SignInProvider);
        Assert.Equal(method, identity.Method);
    }

    [Fact]
    public async Task Verify_TokenWithoutOptionalClaims_ReturnsNulls()
    {
        var token = _context.Token(claims =>
        {
            claims["email"] = null;
            claims["email_verified"] = null;
            claims["name"] = null;
            claims["picture"] = null;
        });

        var identity = await _context.VerifyAsync(token);

        Assert.Null(identity.Email);
        Assert.False(identity.EmailVerified);
        Assert.Null(identity.Name);
        Assert.Null(identity.Picture);
    }

    [Theory]
    [InlineData("phone")]
    [InlineData("anonymous")]
    [InlineData("github.com")]
    public async Task Verify_UnsupportedSignInProvider_ThrowsAuthMethodNotAllowed(string provider)
    {
        var token = _context.Token(claims => claims["firebase"] = Firebase(provider));

        await AssertFailsAsync(ErrorCodes.AuthMethodNotAllowed, token, $"'{provider}' is not supported");
    }

    [Theory]
    [InlineData("expired", "exp", -61)]
    [InlineData("iat is in the future", "iat", 61)]
    [InlineData("auth_time is in the future", "auth_time", 61)]
    public async Task Verify_TimeClaimBeyondClockSkew_ThrowsInvalidFirebaseToken(string reason, string claim, int secondsFromNow)
    {
        var token = _context.Token(claims => claims[claim] = Now() + secondsFromNow);

        await AssertFailsAsync(ErrorCodes.InvalidFirebaseToken, token, reason);
    }

    [Theory]
    [InlineData("exp", -59)]
    [InlineData("iat", 59)]
    [InlineData("auth_time", 59)]
    public async Task Verify_TimeClaimWithinClockSkew_IsAccepted(string claim, int secondsFromNow)
    {
        var identity = await _context.VerifyAsync(_context.Token(claims => claims[claim] = Now() + secondsFromNow));

        Assert.Equal("uid-123", identity.Uid);
    }

    [Theory]
    [InlineData("aud", "another-project", "wrong audience")]
    [InlineData("aud", null, "wrong audience")]
    [InlineData("iss", "https://securetoken.google.com/another-project", "wrong issuer")]
    [InlineData("iss", "https://accounts.google.com", "wrong issuer")]
    [InlineData("iss", null, "wrong issuer")]
    [InlineData("sub", "", "sub must be 1 to 128 characters")]
    [InlineData("sub", null, "sub must be 1 to 128 characters")]
    [InlineData("exp", null, "without exp")]
    [InlineData("iat", null, "no iat")]
    [InlineData("iat", "yesterday", "malformed")]
    [InlineData("auth_time", null, "no auth_time")]
    [InlineData("firebase", null, "no firebase.sign_in_provider")]
    [InlineData("firebase", "google.com", "no firebase.sign_in_provider")]
    public async Task Verify_BadClaim_ThrowsInvalidFirebaseToken(string claim, string? value, string reason)
    {
        var token = _context.Token(claims => claims[claim] = value);

        await AssertFailsAsync(ErrorCodes.InvalidFirebaseToken, token, reason);
    }

    [Fact]
    public async Task Verify_NotBeforeInTheFuture_ThrowsInvalidFirebaseToken()
    {
        await AssertFailsAsync(ErrorCodes.InvalidFirebaseToken, _context.Token(claims => claims["nbf"] = Now() + 600), "not valid yet");
    }

    [Fact]
    public async Task Verify_SecondAudience_ThrowsInvalidFirebaseToken()
    {
        var token = _context.Token(claims => claims["aud"] = new[] { FirebaseTestContext.ProjectId, "another-project" });

        await AssertFailsAsync(ErrorCodes.InvalidFirebaseToken, token, "more than one audience");
    }

    [Fact]
    public async Task Verify_SubOf128Chars_IsAccepted()
    {
        var uid = new string('u', 128);

        var identity = await _context.VerifyAsync(_context.Token(claims => claims["sub"] = uid));

        Assert.Equal(uid, identity.Uid);
    }

    [Fact]
    public async Task Verify_SubOf129Chars_ThrowsInvalidFirebaseToken()
    {
        await AssertFailsAsync(ErrorCodes.InvalidFirebaseToken, _context.Token(claims => claims["sub"] = new string('u', 129)), "sub must be 1 to 128 characters");
    }

    [Fact]
    public async Task Verify_AlgNone_ThrowsInvalidFirebaseToken()
    {
        await AssertFailsAsync(ErrorCodes.InvalidFirebaseToken, _context.UnsignedToken(), "algorithm must be RS256");
    }

    [Fact]
    public async Task Verify_Hs256SignedWithThePublicKey_ThrowsInvalidFirebaseToken()
    {
        var publicKeyAsSecret = new SymmetricSecurityKey(_context.SigningKey.PublicKeyPem()) { KeyId = _context.SigningKey.Kid };

        var token = _context.Token(new SigningCredentials(publicKeyAsSecret, SecurityAlgorithms.HmacSha256));

        await AssertFailsAsync(ErrorCodes.InvalidFirebaseToken, token, "algorithm must be RS256");
    }

    [Fact]
    public async Task Verify_Rs384WithThePublishedKey_ThrowsInvalidFirebaseToken()
    {
        var token = _context.Token(new SigningCredentials(_context.SigningKey.PrivateKey, SecurityAlgorithms.RsaSha384));

        await AssertFailsAsync(ErrorCodes.InvalidFirebaseToken, token, "algorithm must be RS256");
    }

    [Fact]
    public async Task Verify_SignedByUnpublishedKey_ThrowsInvalidFirebaseToken()
    {
        var stranger = new FirebaseTestKey("not-published", material: 1);

        await AssertFailsAsync(ErrorCodes.InvalidFirebaseToken, _context.Token(key: stranger), "unknown key");
    }

    [Fact]
    public async Task Verify_UnpublishedKeyClaimingPublishedKid_ThrowsInvalidFirebaseToken()
    {
        var impostor = new FirebaseTestKey(_context.SigningKey.Kid, material: 1);

        await AssertFailsAsync(ErrorCodes.InvalidFirebaseToken, _context.Token(key: impostor), "bad signature");
    }

    [Fact]
    public async Task Verify_MissingKid_ThrowsInvalidFirebaseToken()
    {
        var anonymousKey = new FirebaseTestKey(kid: null);

        await AssertFailsAsync(ErrorCodes.InvalidFirebaseToken, _context.Token(key: anonymousKey), "no key id");
        Assert.Equal(0, _context.Server.KeyRequests);
    }

    [Fact]
    public async Task Verify_TamperedPayload_ThrowsInvalidFirebaseToken()
    {
        var parts = _context.Token().Split('.');
        var otherPayload = _context.Token(claims => claims["sub"] = "someone-else").Split('.')[1];

        await AssertFailsAsync(ErrorCodes.InvalidFirebaseToken, $"{parts[0]}.{otherPayload}.{parts[2]}", "bad signature");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not-a-jwt")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.e30")]
    public async Task Verify_MalformedToken_ThrowsInvalidFirebaseToken(string token)
    {
        await AssertFailsAsync(ErrorCodes.InvalidFirebaseToken, token);
    }

    [Fact]
    public async Task Verify_OversizedToken_ThrowsInvalidFirebaseToken()
    {
        var token = _context.Token(claims => claims["padding"] = new string('x', 10_000));

        await AssertFailsAsync(ErrorCodes.InvalidFirebaseToken, token, "oversized");
    }

    [Fact]
    public async Task Verify_Rejection_DetailNeverContainsTheToken()
    {
        var token = _context.Token(claims => claims["aud"] = "another-project");

        var failure = await Assert.ThrowsAsync<TracheaException>(() => _context.VerifyAsync(token));

        Assert.DoesNotContain(token, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Split('.')[1], failure.Message, StringComparison.Ordinal);
        Assert.True(failure.Message.Length < 100, failure.Message);
    }

    private long Now() => _context.Clock.GetUtcNow().ToUnixTimeSeconds();

    private static Dictionary<string, object> Firebase(string provider) => new() { ["sign_in_provider"] = provider };

    private async Task AssertFailsAsync(ErrorCode expected, string token, string? reason = null)
    {
        var failure = await Assert.ThrowsAsync<TracheaException>(() => _context.VerifyAsync(token));
        Assert.True(expected == failure.Error, $"expected {expected.Code}, got {failure.Error.Code} ({failure.Message})");
        Assert.Contains(reason ?? string.Empty, failure.Message, StringComparison.Ordinal);
    }
}
