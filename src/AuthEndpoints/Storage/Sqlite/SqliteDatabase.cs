using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Trachea.AuthEndpoints.Storage.Sqlite;

/// <summary>
/// The embedded database file <c>&lt;DataDir&gt;/trachea.db</c>: opens pooled connections and runs store
/// operations with SQLite failures turned into typed ones by <see cref="SqliteFailures"/>.
/// </summary>
internal sealed class SqliteDatabase : IDisposable
{
    public const string FileName = "trachea.db";

    // Writers from another process (the CLI) wait for the write lock rather than fail.
    private const int BusyTimeoutSeconds = 5;

    // Per connection: wait for the write lock, and in WAL mode sync at checkpoints rather than on every commit
    // (SQLite's recommended WAL setting): a commit survives a crash of the gateway; only a power or OS failure
    // can lose the last commits. A page cache of 512 KiB instead of SQLite's 2 MB: it still holds the upper
    // levels of every index, and the pages below come from the operating system's cache of the file.
    private const string ConnectionPragmas = "PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -512;";

    // Each open connection keeps its own page cache; bounding how many run at once bounds memory. This bound is
    // not what makes any operation atomic.
    private static readonly int MaxOpenConnections = Math.Max(4, Environment.ProcessorCount * 2);

    private readonly string _connectionString;
    private readonly SemaphoreSlim _openConnections = new(MaxOpenConnections, MaxOpenConnections);

    // SQLite takes one writer at a time. Writers of this process queue here, asynchronously, instead of meeting
    // a locked database and sleeping in SQLite's busy handler (which, under load, cost more than the writes).
    private readonly SemaphoreSlim _writer = new(1, 1);

    // Pooled connections keep their pragmas, so each physical connection is set up once.
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> _preparedHandles = [];

    public SqliteDatabase(string dataDir)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDir);
        DataDirectory = Path.GetFullPath(dataDir);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(DataDirectory, FileName),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = BusyTimeoutSeconds,
        }.ToString();
    }

    public string DataDirectory { get; }

    /// <summary>Runs <paramref name="operation"/>, which only reads, on a connection of its own.</summary>
    public Task<T> ReadAsync<T>(Func<SqliteConnection, Task<T>> operation, CancellationToken cancellationToken) =>
        RunAsync(operation, cancellationToken);

    /// <summary>Runs <paramref name="operation"/>, which writes, once no other writer of this process runs.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, Task<T>> operation, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await RunAsync(operation, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>Runs one statement on its own connection.</summary>
    /// <returns>The number of rows changed.</returns>
    public Task<int> ExecuteAsync(string sql, Func<SqliteCommand, SqliteCommand> parameters, CancellationToken cancellationToken) =>
        WriteAsync(connection => parameters(connection.Command(sql)).ExecuteAsync(cancellationToken), cancellationToken);

    /// <summary>Runs <paramref name="operation"/> in one <c>BEGIN IMMEDIATE</c> transaction: all of it or nothing.</summary>
    public Task<T> RunInTransactionAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> operation, CancellationToken cancellationToken) =>
        WriteAsync(
            async connection =>
            {
                // Taking the write lock up front means a later write in the transaction never meets a stale snapshot.
                await using var transaction = (SqliteTransaction)await connection
                    .BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken)
                    .ConfigureAwait(false);
                var result = await operation(connection, transaction).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            },
            cancellationToken);

    /// <summary>Closes the pooled connections so the file is released.</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        _openConnections.Dispose();
        _writer.Dispose();
    }

    private async Task<T> RunAsync<T>(Func<SqliteConnection, Task<T>> operation, CancellationToken cancellationToken)
    {
        await _openConnections.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (!_preparedHandles.TryGetValue(connection.Handle!, out _))
            {
                await connection.Command(ConnectionPragmas).ExecuteAsync(cancellationToken).ConfigureAwait(false);
                _preparedHandles.AddOrUpdate(connection.Handle!, this);
            }

            return await operation(connection).ConfigureAwait(false);
        }
        catch (SqliteException exception) when (SqliteFailures.TryTranslate(exception, out var failure))
        {
            throw failure;
        }
        finally
        {
            _openConnections.Release();
        }
    }
}
