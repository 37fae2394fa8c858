using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Trachea.AuthEndpoints.Configuration;
using Trachea.AuthEndpoints.Firebase;

namespace Trachea.Tests.Firebase;

/// <summary>
/// A verifier wired by <see cref="FirebaseServiceCollectionExtensions.AddTracheaFirebase"/> against a fake key
/// endpoint and a manual clock, plus a token factory that signs with the published key by default.
/// </summary>
internal sealed class FirebaseTestContext : IDisposable
{
    public const string ProjectId = "trachea-test";
    public const string Issuer = "https://securetoken.google.com/" + ProjectId;

    private readonly ServiceProvider _services;

    public FirebaseTestContext(TimeSpan? fetchTimeout = null)
    {
        Server.Publish([SigningKey]);
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.Configure<TracheaOptions>(options =>
        {
            options.FirebaseProjectId = ProjectId;
            options.FirebaseKeysUrl = Server.KeysUrl;
        });
        services.AddTracheaFirebase();
        if (fetchTimeout is { } timeout)
        {
            services.AddHttpClient(FirebaseSigningKeys.HttpClientName).ConfigureHttpClient(client => client.Timeout = timeout);
        }

        _services = services.BuildServiceProvider();
    }

    public ManualTimeProvider Clock { get; } = new();

    public FirebaseKeyServer Server { get; } = new();

    public FirebaseTestKey SigningKey { get; } = new("key-1");

    public FirebaseTokenVerifier Verifier => _services.GetRequiredService<FirebaseTokenVerifier>();

    public Task<FirebaseIdentity> VerifyAsync(string idToken) => Verifier.VerifyAsync(idToken, CancellationToken.None);

    /// <summary>The claims of a fresh, valid Firebase ID token at the clock's current time.</summary>
    public Dictionary<string, object?> Claims(string provider = "google.com")
    {
        var now = Clock.GetUtcNow().ToUnixTimeSeconds();
        return new()
        {
            ["iss"] = Issuer,
            ["aud"] = ProjectId,
            ["auth_time"] = now - 600,
            ["user_id"] = "uid-123",
            ["sub"] = "uid-123",
            ["iat"] = now - 30,
            ["exp"] = now + 3570,
            ["email"] = "  Alice.Smith@Example.COM ",
            ["email_verified"] = true,
            ["name"] = "Alice Smith",
            ["picture"] = "https://example.test/alice.png",
            ["firebase"] = new Dictionary<string, object>
            {
                ["identities"] = new Dictionary<string, object> { ["email"] = new[] { "alice.smith@example.com" } },
                ["sign_in_provider"] = provider,
            },
        };
    }

    /// <summary>A token with <see cref="Claims"/>, edited, signed RS256 by <paramref name="key"/> (the published key by default).</summary>
    public string Token(Action<Dictionary<string, object?>>? edit = null, FirebaseTestKey? key = null) =>
        Sign(Edited(edit), new SigningCredentials((key ?? SigningKey).PrivateKey, SecurityAlgorithms.RsaSha256));

    public string Token(SigningCredentials credentials) => Sign(Claims(), credentials);

    /// <summary>An <c>alg: none</c> token carrying the published kid, built by hand as an attacker would.</summary>
    public string UnsignedToken()
    {
        var header = JsonSerializer.Serialize(new { alg = "none", typ = "JWT", kid = SigningKey.Kid });
        return $"{Base64UrlEncoder.Encode(header)}.{Base64UrlEncoder.Encode(JsonSerializer.Serialize(Claims()))}.";
    }

    public void Dispose()
    {
        _services.Dispose();
        Server.Dispose();
    }

    private Dictionary<string, object?> Edited(Action<Dictionary<string, object?>>? edit)
    {
        var claims = Claims();
        edit?.Invoke(claims);
        return claims;
    }

    private static string Sign(Dictionary<string, object?> claims, SigningCredentials credentials)
    {
        var payload = JsonSerializer.Serialize(claims.Where(claim => claim.Value is not null).ToDictionary());
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(payload, credentials);
    }
}
