using System.Security.Cryptography;
using Trachea.AuthEndpoints.Access;
using Trachea.AuthEndpoints.Storage;

namespace Trachea.Tests.Storage;

/// <summary>Values as the HTTP layer hands them to a store: 24-hex ids, lower-case names, millisecond dates.</summary>
internal static class StoreTestData
{
    // Stores keep milliseconds, so test times are whole milliseconds and compare exactly after a round trip.
    public static DateTimeOffset Now { get; } = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    public static string NewTokenHash() => Convert.ToHexStringLower(SHA256.HashData(RandomNumberGenerator.GetBytes(32)));

    public static AppMembership Membership(string appId, string role = Roles.Member, string plan = Plans.Free) =>
        new(appId, role, plan, Now.AddMinutes(-5));

    public static User User(string? username = null, string? email = null, string? firebaseUid = null, params AppMembership[] apps) => new()
    {
        Id = NewId(),
        Username = username,
        Email = email,
        FirebaseUid = firebaseUid,
        PasswordHash = username is null ? null : "$2a$04$abcdefghijklmnopqrstuu5ZkGvLwHcKoWCeS0Y7m6dJ1bTqP3N2",
        Provider = username is null ? AuthMethods.Google : AuthMethods.Username,
        Apps = apps.Length == 0 ? [Membership("demo")] : apps,
        CreatedAt = Now.AddDays(-1),
        UpdatedAt = Now.AddDays(-1),
    };

    public static AppRegistration App(string appId) => new()
    {
        AppId = appId,
        Name = $"App {appId}",
        SecretHash = Convert.ToHexStringLower(SHA256.HashData(RandomNumberGenerator.GetBytes(16))),
        Domains = [$"{appId}.example.test"],
        AllowedAuthMethods = [AuthMethods.Username, AuthMethods.Google],
        SelfServicePlans = [Plans.Free, Plans.Pro],
        CreatedAt = Now.AddDays(-2),
    };

    public static RefreshTokenRecord Token(string userId, DateTimeOffset? expiresAt = null) => new()
    {
        TokenHash = NewTokenHash(),
        UserId = userId,
        AppId = "demo",
        FamilyId = NewId(),
        ExpiresAt = expiresAt ?? Now.AddDays(30),
    };

    /// <summary>A rotation whose successor nobody will present: what the older tests of redemption alone need.</summary>
    public static Task<RefreshTokenRedemption> RedeemAsync(this IRefreshTokenStore tokens, string tokenHash, DateTimeOffset now, CancellationToken cancellationToken) =>
        tokens.RotateAsync(tokenHash, NewTokenHash(), now.AddDays(30), now, cancellationToken);
}
