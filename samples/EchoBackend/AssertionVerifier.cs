using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Trachea.Samples.EchoBackend;

/// <summary>
/// Verifies X-Trachea-Jwt-Assertion the way docs/assertion.md tells backend authors to: ES256 only, typ
/// trachea-assertion+jwt, the gateway's issuer, an unexpired token signed by a key of the gateway's JWKS
/// (fetched again after 5 minutes, or when an unknown kid arrives, at most every 30 s), and the audience when one is configured.
/// </summary>
internal sealed class AssertionVerifier(HttpClient http, Uri jwksUrl, string issuer, string? audience, TimeProvider time)
{
    public const string Header = "X-Trachea-Jwt-Assertion";
    private const string TokenType = "trachea-assertion+jwt";
    private static readonly TimeSpan KeysLifetime = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MinRefetch = TimeSpan.FromSeconds(30);

    private readonly JsonWebTokenHandler _handler = new();

    // Replaced whole, so concurrent requests read one consistent key set (two may fetch at once; that is harmless).
    private volatile FetchedKeys _fetched = new([], DateTimeOffset.MinValue);

    /// <returns>What the echo shows: the verified claims, or why verification failed; null without the header.</returns>
    public async Task<object?> VerifyAsync(HttpRequest request)
    {
        var assertion = request.Headers[Header].ToString();
        if (assertion.Length == 0)
        {
            return null;
        }

        string? kid;
        try
        {
            kid = new JsonWebToken(assertion).Kid;
        }
        catch (ArgumentException)
        {
            return new { verified = false, error = "not a JWS" };
        }

        IList<SecurityKey> keys;
        try
        {
            keys = await KeysAsync(kid, request.HttpContext.RequestAborted);
        }
        catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException or JsonException or ArgumentException)
        {
            return new { verified = false, error = $"the gateway's JWKS ({jwksUrl}) could not be read: {failure.Message}" };
        }

        var result = await _handler.ValidateTokenAsync(assertion, Parameters(keys));
        if (!result.IsValid)
        {
            return new { verified = false, error = result.Exception?.Message ?? "invalid" };
        }

        var token = (JsonWebToken)result.SecurityToken;
        var payload = JsonSerializer.Deserialize<JsonElement>(Base64UrlEncoder.Decode(token.EncodedPayload));
        return new { verified = true, kid = token.Kid, claims = payload };
    }

    private TokenValidationParameters Parameters(IList<SecurityKey> keys) => new()
    {
        ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
        ValidTypes = [TokenType],
        ValidIssuer = issuer,
        ValidateAudience = audience is not null,
        ValidAudience = audience,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = TimeSpan.FromSeconds(30),
        IssuerSigningKeys = keys,
    };

    private async Task<IList<SecurityKey>> KeysAsync(string? kid, CancellationToken cancellationToken)
    {
        var fetched = _fetched;
        var age = time.GetUtcNow() - fetched.At;
        var known = kid is not null && fetched.Keys.Any(key => key.KeyId == kid);
        if ((known && age < KeysLifetime) || (!known && age < MinRefetch))
        {
            return fetched.Keys;
        }

        var json = await http.GetStringAsync(jwksUrl, cancellationToken);
        _fetched = new FetchedKeys(new JsonWebKeySet(json).GetSigningKeys(), time.GetUtcNow());
        return _fetched.Keys;
    }

    private sealed record FetchedKeys(IList<SecurityKey> Keys, DateTimeOffset At);
}
