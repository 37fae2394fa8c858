using Microsoft.Data.Sqlite;

namespace Trachea.AuthEndpoints.Storage.Sqlite;

internal sealed class SqliteAppStore(SqliteDatabase database) : IAppStore
{
    private const string Columns = "app_id, name, secret_hash, domains, allowed_auth_methods, is_active, created_at, self_service_plans";

    private const string Insert = $"""
        INSERT INTO apps ({Columns})
        VALUES (@app_id, @name, @secret_hash, @domains, @allowed_auth_methods, @is_active, @created_at, @self_service_plans)
        ON CONFLICT (app_id) DO NOTHING;
        """;

    private const string SetActive = "UPDATE apps SET is_active = @is_active WHERE app_id = @app_id;";

    private const string SetSelfService = "UPDATE apps SET self_service_plans = @self_service_plans WHERE app_id = @app_id;";

    public Task<AppRegistration?> FindAsync(string appId, CancellationToken cancellationToken) =>
        database.ReadAsync(
            async connection =>
            {
                await using var find = connection.Command($"SELECT {Columns} FROM apps WHERE app_id = @app_id;").With("@app_id", appId);
                await using var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
            },
            cancellationToken);

    public Task<IReadOnlyList<AppRegistration>> ListAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<AppRegistration>>(
            async connection =>
            {
                await using var list = connection.Command($"SELECT {Columns} FROM apps ORDER BY app_id;");
                await using var reader = await list.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                var apps = new List<AppRegistration>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    apps.Add(Read(reader));
                }

                return apps;
            },
            cancellationToken);

    public async Task<bool> InsertAsync(AppRegistration app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        return await database.ExecuteAsync(
            Insert,
            c => c.With("@app_id", app.AppId).With("@name", app.Name).With("@secret_hash", app.SecretHash)
                .With("@domains", SqliteJson.FromList(app.Domains))
                .With("@allowed_auth_methods", SqliteJson.FromList(app.AllowedAuthMethods))
                .With("@is_active", app.IsActive).With("@created_at", app.CreatedAt)
                .With("@self_service_plans", SqliteJson.FromList(app.SelfServicePlans)),
            cancellationToken).ConfigureAwait(false) > 0;
    }

    public async Task<bool> SetActiveAsync(string appId, bool isActive, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(SetActive, c => c.With("@app_id", appId).With("@is_active", isActive), cancellationToken)
            .ConfigureAwait(false) > 0;

    public async Task<bool> SetSelfServicePlansAsync(string appId, IReadOnlyList<string> plans, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
                SetSelfService,
                c => c.With("@app_id", appId).With("@self_service_plans", SqliteJson.FromList(plans)),
                cancellationToken)
            .ConfigureAwait(false) > 0;

    private static AppRegistration Read(SqliteDataReader reader) => new()
    {
        AppId = reader.GetString(0),
        Name = reader.GetString(1),
        SecretHash = reader.GetString(2),
        Domains = SqliteJson.ToList(reader.GetString(3)),
        AllowedAuthMethods = SqliteJson.ToList(reader.GetString(4)),
        IsActive = reader.GetInt64(5) != 0,
        CreatedAt = reader.GetDate(6),
        SelfServicePlans = SqliteJson.ToList(reader.GetString(7)),
    };
}
