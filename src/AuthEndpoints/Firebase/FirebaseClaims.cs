using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Trachea.AuthEndpoints.Access;

namespace Trachea.AuthEndpoints.Firebase;

/// <summary>
/// Reads a signature-checked Firebase token into a <see cref="FirebaseIdentity"/>, enforcing the claim rules the
/// JWT handler does not: <c>iat</c> and <c>auth_time</c> in the past, one audience, <c>sub</c> of 1–128 chars.
/// </summary>
internal static class FirebaseClaims
{
    private const int MaxUidLength = 128;

    private static readonly FrozenDictionary<string, string> MethodsByProvider = new Dictionary<string, string>
    {
        ["google.com"] = AuthMethods.Google,
        ["facebook.com"] = AuthMethods.Facebook,
        ["apple.com"] = AuthMethods.Apple,
        ["password"] = AuthMethods.Password,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static FirebaseIdentity ToIdentity(JsonWebToken token, DateTimeOffset now, TimeSpan clockSkew)
    {
        var latest = now.Add(clockSkew).ToUnixTimeSeconds();
        RequirePast(token, JwtRegisteredClaimNames.Iat, latest);
        RequirePast(token, "auth_time", latest);

        if (token.Audiences.Count() != 1)
        {
            throw FirebaseErrors.InvalidToken("more than one audience");
        }

        var uid = token.Subject;
        if (string.IsNullOrEmpty(uid) || uid.Length > MaxUidLength)
        {
            throw FirebaseErrors.InvalidToken("sub must be 1 to 128 characters");
        }

        var provider = SignInProvider(token);
        var method = MethodsByProvider.GetValueOrDefault(provider) ?? throw FirebaseErrors.ProviderNotSupported(provider);
        return new FirebaseIdentity(
            uid,
            NormalizeEmail(OptionalString(token, "email")),
            token.TryGetPayloadValue<bool>("email_verified", out var verified) && verified,
            OptionalString(token, "name"),
            OptionalString(token, "picture"),
            provider,
            method,
            DateTimeOffset.FromUnixTimeSeconds(token.GetPayloadValue<long>("auth_time")));
    }

    private static void RequirePast(JsonWebToken token, string claim, long latestUnixSeconds)
    {
        if (!token.TryGetPayloadValue<long>(claim, out var seconds))
        {
            throw FirebaseErrors.InvalidToken($"no {claim}");
        }

        if (seconds > latestUnixSeconds)
        {
            throw FirebaseErrors.InvalidToken($"{claim} is in the future");
        }
    }

    private static string SignInProvider(JsonWebToken token)
    {
        if (token.TryGetPayloadValue<JsonElement>("firebase", out var firebase)
            && firebase.ValueKind == JsonValueKind.Object
            && firebase.TryGetProperty("sign_in_provider", out var provider)
            && provider.ValueKind == JsonValueKind.String
            && !string.IsNullOrEmpty(provider.GetString()))
        {
            return provider.GetString()!;
        }

        throw FirebaseErrors.InvalidToken("no firebase.sign_in_provider");
    }

    private static string? OptionalString(JsonWebToken token, string claim) =>
        token.TryGetPayloadValue<string>(claim, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    private static string? NormalizeEmail(string? email) => email?.Trim().ToLowerInvariant();
}
