using Microsoft.Data.Sqlite;

namespace Trachea.AuthEndpoints.Storage.Sqlite;

/// <summary>
/// The assertion key ring in the embedded file. The first key is written in one <c>BEGIN IMMEDIATE</c>
/// transaction that checks the table is empty, and SQLite admits one writer at a time across processes, so two
/// instances starting at once keep one key.
/// </summary>
internal sealed class SqliteSigningKeyStore(SqliteDatabase database) : ISigningKeyStore
{
    private const string Columns = "kid, public_jwk, private_key, created_at, signs_from, retired_at";

    private const string List = $"SELECT {Columns} FROM signing_keys ORDER BY created_at, kid;";

    private const string Insert = $"""
        INSERT INTO signing_keys ({Columns}) VALUES (@kid, @public_jwk, @private_key, @created_at, @signs_from, @retired_at)
        ON CONFLICT (kid) DO NOTHING;
        """;

    private const string InsertIntoEmpty = $"""
        INSERT INTO signing_keys ({Columns})
        SELECT @kid, @public_jwk, @private_key, @created_at, @signs_from, @retired_at
        WHERE NOT EXISTS (SELECT 1 FROM signing_keys);
        """;

    private const string Retire = "UPDATE signing_keys SET retired_at = @retired_at WHERE kid = @kid AND retired_at IS NULL;";

    public Task<IReadOnlyList<SigningKeyRecord>> ListAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<SigningKeyRecord>>(
            async connection =>
            {
                await using var command = connection.Command(List);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                var keys = new List<SigningKeyRecord>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    keys.Add(Read(reader));
                }

                return keys;
            },
            cancellationToken);

    public Task<bool> InsertInitialAsync(SigningKeyRecord key, CancellationToken cancellationToken) =>
        database.RunInTransactionAsync(
            async (connection, transaction) => await Parameters(connection.Command(InsertIntoEmpty, transaction), key)
                .ExecuteAsync(cancellationToken).ConfigureAwait(false) > 0,
            cancellationToken);

    public async Task<bool> InsertAsync(SigningKeyRecord key, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(Insert, c => Parameters(c, key), cancellationToken).ConfigureAwait(false) > 0;

    public async Task<bool> RetireAsync(string kid, DateTimeOffset retiredAt, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(Retire, c => c.With("@kid", kid).With("@retired_at", retiredAt), cancellationToken).ConfigureAwait(false) > 0;

    private static SqliteCommand Parameters(SqliteCommand command, SigningKeyRecord key) =>
        command.With("@kid", key.Kid).With("@public_jwk", key.PublicJwk).With("@private_key", key.PrivateKey)
            .With("@created_at", key.CreatedAt).With("@signs_from", key.SignsFrom).With("@retired_at", key.RetiredAt);

    private static SigningKeyRecord Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetDate(3),
        reader.GetDate(4),
        reader.GetNullableDate(5));
}
