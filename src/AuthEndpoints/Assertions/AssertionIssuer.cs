using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Trachea.AuthEndpoints.Configuration;
using Trachea.AuthEndpoints.Tokens;

namespace Trachea.AuthEndpoints.Assertions;

/// <summary>
/// Signs the identity assertion of docs/assertion.md: ES256 with the ring's current key, <c>typ</c>
/// <see cref="AssertionClaims.TokenType"/>, the identity claims of the validated access token copied as they are,
/// and a lifetime of TRACHEA_ASSERTION_TTL_SECONDS cut short to the access token's own <c>exp</c>.
/// </summary>
internal sealed class AssertionIssuer(IOptions<TracheaOptions> options)
{
    /// <summary>An assertion is replaced once this share of its lifetime has passed (docs/assertion.md, "Reuse").</summary>
    public const double ReuseShare = 0.8;

    // Copied from the access token when present; every other claim of the token stays behind.
    private static readonly string[] IdentityClaims =
    [
        TokenClaims.Subject, TokenClaims.AppId, TokenClaims.Role, TokenClaims.Plan, TokenClaims.Provider,
        TokenClaims.SessionId, TokenClaims.Email, TokenClaims.Username,
    ];

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <param name="claim">The validated access token's value of a claim, null when it has none.</param>
    /// <returns>The assertion; null when the access token's <c>exp</c> has come (it passes only within the clock skew).</returns>
    public SignedAssertion? Issue(Func<string, string?> claim, DateTimeOffset tokenExpires, string audience, AssertionSigner signer, DateTimeOffset now)
    {
        var settings = options.Value;
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        var ttl = TimeSpan.FromSeconds(settings.AssertionTtlSeconds);
        var expires = issuedAt + ttl < tokenExpires ? issuedAt + ttl : DateTimeOffset.FromUnixTimeSeconds(tokenExpires.ToUnixTimeSeconds());
        if (expires <= issuedAt)
        {
            return null;
        }

        var claims = new Dictionary<string, object>(IdentityClaims.Length + 1)
        {
            [TokenClaims.TokenId] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
        };
        foreach (var type in IdentityClaims)
        {
            if (claim(type) is { Length: > 0 } value)
            {
                claims[type] = value;
            }
        }

        var jws = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = AssertionSettings.Issuer(settings),
            Audience = audience,
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = expires.UtcDateTime,
            TokenType = AssertionClaims.TokenType,
            Claims = claims,
            SigningCredentials = signer.Credentials,
        });
        return new SignedAssertion(jws, signer, issuedAt + ((expires - issuedAt) * ReuseShare));
    }
}
