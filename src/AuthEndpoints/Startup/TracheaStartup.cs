using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Access;
using Trachea.AuthEndpoints.Apps;
using Trachea.AuthEndpoints.Assertions;
using Trachea.AuthEndpoints.Configuration;
using Trachea.AuthEndpoints.Errors;
using Trachea.AuthEndpoints.Passwords;
using Trachea.AuthEndpoints.Storage;

namespace Trachea.AuthEndpoints.Startup;

/// <summary>
/// What must hold before the gateway takes a request: valid settings, a ready store, and a registered,
/// active default app (created as <c>demo</c> in Development on the embedded store).
/// Problems surface as <see cref="OptionsValidationException"/> or <see cref="StartupException"/>.
/// An unreachable MongoDB is not fatal: the gateway starts not ready and finishes in the background.
/// </summary>
internal static partial class TracheaStartup
{
    public static async Task PrepareAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<IOptions<TracheaOptions>>().Value;
        services.GetRequiredService<PasswordHasher>().Warm();
        try
        {
            await InitializeStoreAsync(services, cancellationToken);
            services.GetRequiredService<StoreReadiness>().MarkInitialized();
        }
        catch (TracheaException failure) when (failure.Error == ErrorCodes.StoreUnavailable && options.UsesMongo)
        {
            var logger = Logger(services);
            LogStoreUnavailableAtStart(logger, DeferredStoreInitialization.RetryInterval.TotalSeconds);
        }
    }

    /// <summary>Creates the schema or indexes, checks the default app and reads the assertion key ring (creating its first key); safe to run again.</summary>
    public static async Task InitializeStoreAsync(IServiceProvider services, CancellationToken cancellationToken)
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
        await services.GetRequiredService<AssertionKeys>().InitializeAsync(cancellationToken);
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
            var logger = Logger(services);
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

    private static ILogger Logger(IServiceProvider services) =>
        services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TracheaStartup));

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Created the Development app {AppId} with every sign-in method allowed")]
    private static partial void LogDevelopmentAppCreated(ILogger logger, string appId);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "The store is unreachable at start-up: the gateway starts not ready, answers 503 STORE_UNAVAILABLE, and retries every {Seconds} s")]
    private static partial void LogStoreUnavailableAtStart(ILogger logger, double seconds);
}
