using Microsoft.Data.Sqlite;

namespace Trachea.AuthEndpoints.Storage.Sqlite;

/// <summary>
/// The revocation feed in the embedded file. SQLite admits one writer at a time, across processes too, so
/// entries become visible in <c>seq</c> order; raising a version and appending its entry is one transaction.
/// </summary>
internal sealed class SqliteRevocationStore(SqliteDatabase database) : IRevocationStore
{
    private const string Columns = "seq, user_id, app_id, min_version, sid, created_at";

    private const string RaiseVersions = """
        UPDATE user_apps SET version = version + 1
        WHERE user_id = @user_id AND (@app_id IS NULL OR app_id = @app_id)
        RETURNING app_id, version;
        """;

    private const string Append = $"""
        INSERT INTO revocations (user_id, app_id, min_version, sid, created_at)
        VALUES (@user_id, @app_id, @min_version, @sid, @created_at)
        RETURNING {Columns};
        """;

    private const string Read = $"""
        SELECT {Columns} FROM revocations
        WHERE seq > @after AND created_at >= @created_from
        ORDER BY seq LIMIT @limit;
        """;

    private const string Delete = "DELETE FROM revocations WHERE created_at < @cutoff;";

    public Task<IReadOnlyList<RevocationEntry>> RevokeMembershipsAsync(string userId, string? appId, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.RunInTransactionAsync<IReadOnlyList<RevocationEntry>>(
            async (connection, transaction) =>
            {
                var raised = new List<(string AppId, int Version)>();
                await using (var raise = connection.Command(RaiseVersions, transaction).With("@user_id", userId).With("@app_id", appId))
                {
                    await using var reader = await raise.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        raised.Add((reader.GetString(0), reader.GetInt32(1)));
                    }
                }

                var appended = new List<RevocationEntry>(raised.Count);
                foreach (var (raisedApp, version) in raised)
                {
                    appended.Add(await AppendAsync(connection, transaction, userId, raisedApp, version, null, now, cancellationToken).ConfigureAwait(false));
                }

                return appended;
            },
            cancellationToken);

    public Task<RevocationEntry> RevokeSessionAsync(string userId, string appId, string sid, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.RunInTransactionAsync(
            (connection, transaction) => AppendAsync(connection, transaction, userId, appId, null, sid, now, cancellationToken),
            cancellationToken);

    public Task<IReadOnlyList<RevocationEntry>> ReadAsync(long afterSeq, DateTimeOffset createdFrom, int limit, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<RevocationEntry>>(
            async connection =>
            {
                await using var command = connection.Command(Read)
                    .With("@after", afterSeq).With("@created_from", createdFrom).With("@limit", limit);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                var entries = new List<RevocationEntry>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    entries.Add(ReadEntry(reader));
                }

                return entries;
            },
            cancellationToken);

    public async Task<long> DeleteBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(Delete, c => c.With("@cutoff", cutoff), cancellationToken).ConfigureAwait(false);

    private static async Task<RevocationEntry> AppendAsync(
        SqliteConnection connection, SqliteTransaction transaction, string userId, string appId, int? minVersion, string? sid,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(Append, transaction)
            .With("@user_id", userId).With("@app_id", appId).With("@min_version", minVersion).With("@sid", sid).With("@created_at", now);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return ReadEntry(reader);
    }

    private static RevocationEntry ReadEntry(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetInt32(3),
        reader.GetNullableString(4),
        reader.GetDate(5));
}
