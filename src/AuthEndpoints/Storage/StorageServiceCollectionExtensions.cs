using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Configuration;
using Trachea.AuthEndpoints.Storage.Mongo;
using Trachea.AuthEndpoints.Storage.Sqlite;

namespace Trachea.AuthEndpoints.Storage;

internal static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the store contract: MongoDB when a connection string is configured, otherwise the
    /// embedded SQLite file under <see cref="TracheaOptions.DataDir"/>. The choice is made from the
    /// validated options when the store is first resolved, so every configuration source counts
    /// (including those a test host adds after Program has registered its services).
    /// </summary>
    internal static IServiceCollection AddTracheaStore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new SqliteDatabase(Settings(provider).DataDir));
        services.AddSingleton(provider => new MongoStoreContext(Settings(provider).MongoUri!, Settings(provider).DbName));
        return services
            .AddSelected<IUserStore, SqliteUserStore, MongoUserStore>()
            .AddSelected<IAppStore, SqliteAppStore, MongoAppStore>()
            .AddSelected<IRefreshTokenStore, SqliteRefreshTokenStore, MongoRefreshTokenStore>()
            .AddSelected<IRevocationStore, SqliteRevocationStore, MongoRevocationStore>()
            .AddSelected<ISigningKeyStore, SqliteSigningKeyStore, MongoSigningKeyStore>()
            .AddSelected<ISessionStore, SqliteSessionStore, MongoSessionStore>()
            .AddSelected<IStoreLifecycle, SqliteStoreLifecycle, MongoStoreLifecycle>();
    }

    private static IServiceCollection AddSelected<TService, TSqlite, TMongo>(this IServiceCollection services)
        where TService : class
        where TSqlite : class, TService
        where TMongo : class, TService
    {
        services.AddSingleton<TSqlite>();
        services.AddSingleton<TMongo>();
        return services.AddSingleton<TService>(provider => Settings(provider).UsesMongo
            ? provider.GetRequiredService<TMongo>()
            : provider.GetRequiredService<TSqlite>());
    }

    private static TracheaOptions Settings(IServiceProvider provider) => provider.GetRequiredService<IOptions<TracheaOptions>>().Value;
}
