using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Trachea.AuthEndpoints.Configuration;
using Trachea.AuthEndpoints.Storage.Mongo;
using Trachea.AuthEndpoints.Storage.Sqlite;

namespace Trachea.AuthEndpoints.Storage;

internal static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the store contract: MongoDB when a connection string is configured, otherwise the
    /// embedded SQLite file under <see cref="TracheaOptions.DataDir"/>.
    /// </summary>
    internal static IServiceCollection AddTracheaStore(this IServiceCollection services, TracheaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(TimeProvider.System);
        return options.UsesMongo ? services.AddMongoStore(options) : services.AddSqliteStore(options);
    }

    private static IServiceCollection AddMongoStore(this IServiceCollection services, TracheaOptions options) => services
        .AddSingleton(_ => new MongoStoreContext(options.MongoUri!, options.DbName))
        .AddSingleton<IUserStore, MongoUserStore>()
        .AddSingleton<IAppStore, MongoAppStore>()
        .AddSingleton<IRefreshTokenStore, MongoRefreshTokenStore>()
        .AddSingleton<IStoreLifecycle, MongoStoreLifecycle>();

    private static IServiceCollection AddSqliteStore(this IServiceCollection services, TracheaOptions options) => services
        .AddSingleton(_ => new SqliteDatabase(options.DataDir))
        .AddSingleton<IUserStore, SqliteUserStore>()
        .AddSingleton<IAppStore, SqliteAppStore>()
        .AddSingleton<IRefreshTokenStore, SqliteRefreshTokenStore>()
        .AddSingleton<IStoreLifecycle, SqliteStoreLifecycle>();
}
