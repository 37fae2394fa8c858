using Trachea.AuthEndpoints.Access;
using Trachea.AuthEndpoints.Storage;
using Trachea.AuthEndpoints.Storage.Sqlite;

namespace Trachea.Tests.Infrastructure;

/// <summary>The apps every test gateway has registered.</summary>
public static class TestApps
{
    /// <summary>The default app; every method allowed.</summary>
    public const string Demo = "demo";

    /// <summary>A second app with every method, for cross-app tests.</summary>
    public const string Other = "other";

    /// <summary>Allows Google sign-in only.</summary>
    public const string GoogleOnly = "google-only";

    /// <summary>Registered but disabled.</summary>
    public const string Disabled = "disabled";

    /// <summary>Every method; its members may choose free or pro themselves (the other apps keep the default, free only).</summary>
    public const string SelfServePro = "self-serve-pro";

    internal static async Task SeedAsync(string dataDir)
    {
        using var database = new SqliteDatabase(dataDir);
        var lifecycle = new SqliteStoreLifecycle(database, TimeProvider.System);
        await lifecycle.InitializeAsync(CancellationToken.None);
        var apps = new SqliteAppStore(database);
        IReadOnlyList<string> freeOnly = [Plans.Free];
        foreach (var (id, methods, active, selfService) in new[]
                 {
                     (Demo, AuthMethods.All, true, freeOnly),
                     (Other, AuthMethods.All, true, freeOnly),
                     (GoogleOnly, (IReadOnlyList<string>)[AuthMethods.Google], true, freeOnly),
                     (Disabled, AuthMethods.All, false, freeOnly),
                     (SelfServePro, AuthMethods.All, true, [Plans.Free, Plans.Pro]),
                 })
        {
            await apps.InsertAsync(
                new AppRegistration
                {
                    AppId = id,
                    Name = id,
                    SecretHash = new string('0', 64),
                    AllowedAuthMethods = methods,
                    IsActive = active,
                    SelfServicePlans = selfService,
                    CreatedAt = DateTimeOffset.UtcNow,
                },
                CancellationToken.None);
        }
    }
}
