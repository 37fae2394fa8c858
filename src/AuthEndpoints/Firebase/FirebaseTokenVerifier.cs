using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Trachea.AuthEndpoints.Errors;

namespace Trachea.AuthEndpoints.Firebase;

/// <summary>
/// Verifies Firebase ID tokens as Firebase documents for third-party JWT libraries: RS256 only, a <c>kid</c>
/// Google publishes, issuer and audience of our project, <c>exp</c> ahead and <c>iat</c>/<c>auth_time</c>
/// behind (with <see cref="ClockSkew"/>), and a non-empty <c>sub</c>.
/// </summary>
internal sealed class FirebaseTokenVerifier
{
    /// <summary>Tolerated clock difference between Google and this host for <c>exp</c>, <c>iat</c> and <c>auth_time</c>.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(60);

    // Firebase tokens are about 1 KiB, custom claims are capped at 1000 bytes; this bounds parsing work.
    private const int MaxTokenLength = 8 * 1024;

    private readonly FirebaseProject _project;
    private readonly FirebaseSigningKeys _keys;
    private readonly TimeProvider _time;
    private readonly ILogger<FirebaseTokenVerifier> _logger;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false, MaximumTokenSizeInBytes = MaxTokenLength };

    public FirebaseTokenVerifier(FirebaseProject project, FirebaseSigningKeys keys, TimeProvider time, ILogger<FirebaseTokenVerifier> logger)
    {
        _project = project;
        _keys = keys;
        _time = time;
        _logger = logger;
    }

    /// <summary>False when no Firebase project is configured: Firebase sign-in is then not offered.</summary>
    public bool IsEnabled => _project.IsEnabled;

    /// <summary>Verifies <paramref name="idToken"/> and returns whose it is.</summary>
    /// <exception cref="TracheaException">
    /// INVALID_FIREBASE_TOKEN for any token problem; IDENTITY_PROVIDER_UNAVAILABLE when Google's keys cannot be
    /// fetched; AUTH_METHOD_NOT_ALLOWED when Firebase is not configured or the token's sign-in provider is not one
    /// of ours (google.com, facebook.com, apple.com, password).
    /// </exception>
    public async Task<FirebaseIdentity> VerifyAsync(string idToken, CancellationToken cancellationToken)
    {
        if (!IsEnabled)
        {
            throw FirebaseErrors.NotConfigured();
        }

        try
        {
            var kid = ReadSigningKeyId(idToken);
            var key = await _keys.FindAsync(kid, cancellationToken).ConfigureAwait(false)
                ?? throw FirebaseErrors.InvalidToken("signed with an unknown key");
            var result = await _handler.ValidateTokenAsync(idToken, Parameters(key)).ConfigureAwait(false);
            if (!result.IsValid)
            {
                throw FirebaseErrors.InvalidToken(Describe(result.Exception));
            }

            return FirebaseClaims.ToIdentity((JsonWebToken)result.SecurityToken, _time.GetUtcNow(), ClockSkew);
        }
        catch (TracheaException e) when (e.Error == ErrorCodes.InvalidFirebaseToken)
        {
            FirebaseLog.TokenRejected(_logger, e.Message);
            throw;
        }
    }

    private string ReadSigningKeyId(string idToken)
    {
        if (string.IsNullOrWhiteSpace(idToken) || idToken.Length > MaxTokenLength)
        {
            throw FirebaseErrors.InvalidToken("empty or oversized");
        }

        JsonWebToken token;
        try
        {
            token = _handler.ReadJsonWebToken(idToken);
        }
        catch (ArgumentException)
        {
            throw FirebaseErrors.InvalidToken("malformed");
        }

        if (token.IsEncrypted || token.Alg != SecurityAlgorithms.RsaSha256)
        {
            throw FirebaseErrors.InvalidToken("algorithm must be RS256");
        }

        return string.IsNullOrEmpty(token.Kid) ? throw FirebaseErrors.InvalidToken("no key id") : token.Kid;
    }

    private TokenValidationParameters Parameters(SecurityKey key) => new()
    {
        IssuerSigningKey = key,
        TryAllIssuerSigningKeys = false,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        RequireSignedTokens = true,
        ValidIssuer = $"https://securetoken.google.com/{_project.ProjectId}",
        ValidAudience = _project.ProjectId,
        RequireAudience = true,
        IgnoreTrailingSlashWhenValidatingAudience = false,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = ClockSkew,
        // The handler reads the system clock; this validator puts exp and nbf on our TimeProvider.
        LifetimeValidator = (notBefore, expires, _, _) => IsCurrent(notBefore, expires),
    };

    private bool IsCurrent(DateTime? notBefore, DateTime? expires)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return expires is { } expiry && now < expiry.Add(ClockSkew) && (notBefore is null || notBefore.Value.Subtract(ClockSkew) <= now);
    }

    private static string Describe(Exception? failure) => failure switch
    {
        SecurityTokenInvalidLifetimeException => "expired, not valid yet or without exp",
        SecurityTokenInvalidAudienceException => "wrong audience",
        SecurityTokenInvalidIssuerException => "wrong issuer",
        SecurityTokenInvalidAlgorithmException => "algorithm must be RS256",
        SecurityTokenInvalidSignatureException => "bad signature",
        SecurityTokenMalformedException => "malformed",
        _ => "invalid",
    };
}
