using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Trachea.AuthEndpoints.Configuration;
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
        services.AddSingleton(_ => new SqliteDatabase(options.DataDir));
        services.AddSingleton<IUserStore, SqliteUserStore>();
        services.AddSingleton<IAppStore, SqliteAppStore>();
        services.AddSingleton<IRefreshTokenStore, SqliteRefreshTokenStore>();
        services.AddSingleton<IStoreLifecycle, SqliteStoreLifecycle>();
        return services;
    }
}
