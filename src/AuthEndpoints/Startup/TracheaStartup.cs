using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Access;
using Trachea.AuthEndpoints.Apps;
using Trachea.AuthEndpoints.Configuration;
using Trachea.AuthEndpoints.Passwords;
using Trachea.AuthEndpoints.Storage;

namespace Trachea.AuthEndpoints.Startup;

/// <summary>
/// What must hold before the gateway takes a request: valid settings, a ready store, and a registered,
/// active default app (created as <c>demo</c> in Development on the embedded store).
/// Problems surface as <see cref="OptionsValidationException"/> or <see cref="StartupException"/>.
/// </summary>
internal static partial class TracheaStartup
{
    public static async Task PrepareAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<IOptions<TracheaOptions>>().Value;
        await services.GetRequiredService<IStoreLifecycle>().InitializeAsync(cancellationToken);
        var apps = services.GetRequiredService<IAppStore>();
        var environment = services.GetRequiredService<IHostEnvironment>();
        if (environment.IsDevelopment() && !options.UsesMongo && options.AppId == TracheaOptionsSetup.DevelopmentAppId)
        {
            await EnsureDevelopmentAppAsync(apps, services, cancellationToken);
        }

        await CheckDefaultAppAsync(apps, options, cancellationToken);
        services.GetRequiredService<PasswordHasher>().Warm();
    }

    private static async Task EnsureDevelopmentAppAsync(IAppStore apps, IServiceProvider services, CancellationToken cancellationToken)
    {
        var (_, hash) = AppSecrets.Create();
        var created = await apps.InsertAsync(
            new AppRegistration
            {
                AppId = TracheaOptionsSetup.DevelopmentAppId,
                Name = "Demo app (Development)",
                SecretHash = hash,
                AllowedAuthMethods = AuthMethods.All,
                CreatedAt = services.GetRequiredService<TimeProvider>().GetUtcNow(),
            },
            cancellationToken);
        if (created)
        {
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TracheaStartup));
            LogDevelopmentAppCreated(logger, TracheaOptionsSetup.DevelopmentAppId);
        }
    }

    private static async Task CheckDefaultAppAsync(IAppStore apps, TracheaOptions options, CancellationToken cancellationToken)
    {
        var app = await apps.FindAsync(options.DefaultAppId, cancellationToken)
            ?? throw new StartupException($"TRACHEA_APP_ID '{options.DefaultAppId}' is not registered: add it with `apps add {options.DefaultAppId} --name <name> --methods username`.");
        if (!app.IsActive)
        {
            throw new StartupException($"TRACHEA_APP_ID '{options.DefaultAppId}' is disabled in the app registry.");
        }

        if (options.AppSecret is not null && !AppSecrets.Matches(options.AppSecret, app.SecretHash))
        {
            throw new StartupException($"TRACHEA_APP_SECRET does not match the secret registered for app '{options.DefaultAppId}'.");
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Created the Development app {AppId} with every sign-in method allowed")]
    private static partial void LogDevelopmentAppCreated(ILogger logger, string appId);
}
