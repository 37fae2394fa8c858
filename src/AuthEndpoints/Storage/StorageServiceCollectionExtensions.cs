using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Configuration;
using Trachea.AuthEndpoints.Storage.Sqlite;

namespace Trachea.AuthEndpoints.Storage;

internal static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the store contract: MongoDB when a connection string is configured, otherwise the
    /// embedded SQLite file under <see cref="TracheaOptions.DataDir"/>. The choice is made from the
    /// validated options when the store is first resolved, so every configuration source counts.
    /// </summary>
    internal static IServiceCollection AddTracheaStore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new SqliteDatabase(provider.GetRequiredService<IOptions<TracheaOptions>>().Value.DataDir));
        services.AddSingleton<IUserStore, SqliteUserStore>();
        services.AddSingleton<IAppStore, SqliteAppStore>();
        services.AddSingleton<IRefreshTokenStore, SqliteRefreshTokenStore>();
        services.AddSingleton<IStoreLifecycle, SqliteStoreLifecycle>();
        return services;
    }
}
