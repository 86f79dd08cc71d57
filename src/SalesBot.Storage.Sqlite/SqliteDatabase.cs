using Microsoft.Data.Sqlite;

namespace SalesBot.Storage.Sqlite;

/// <summary>
/// The database file. Reads use a pool of open connections; every write of this process goes through one
/// <see cref="SqliteWriter"/>, which batches what is queued into one transaction (SQLite has one
/// write lock per file anyway). WAL with <c>synchronous=NORMAL</c>: a commit is durable
/// against a crash of the process, and costs no fsync. Migrations bring the schema up to date at start-up.
/// </summary>
public sealed class SqliteDatabase : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly SqliteWriter _writer;
    private readonly SqliteReaders _readers;

    public SqliteDatabase(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        FilePath = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            ForeignKeys = true,
            // Another process writing the same file (a second instance) is waited for, up to this long.
            DefaultTimeout = 30,
        }.ToString();
        _writer = new SqliteWriter(_connectionString);
        _readers = new SqliteReaders(_connectionString);
    }

    public string FilePath { get; }

    /// <summary>Runs <paramref name="read"/> on a read connection of the pool, with its prepared statements.</summary>
    public Task<T> ReadAsync<T>(Func<SqliteWrite, Task<T>> read, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(read);
        return _readers.ReadAsync(statements => read(new SqliteWrite(statements, null, cancellationToken)), cancellationToken);
    }

    /// <summary>A connection of its own, for maintenance and health checks.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// Runs <paramref name="work"/> inside the writer's transaction, in its own savepoint: its writes
    /// commit together, or (if it throws) not at all. The transaction begins IMMEDIATE (takes the file's
    /// write lock before reading), so read-then-write sequences cannot interleave with another process.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteWrite, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return _writer.WriteAsync(work, cancellationToken);
    }

    /// <summary>Creates the file and applies migrations newer than the file's <c>user_version</c>.</summary>
    public Task MigrateAsync(CancellationToken cancellationToken = default) => MigrateAsync(SqliteSchema.Migrations.Count, cancellationToken);

    /// <summary>Applies migrations up to <paramref name="upToVersion"/> only: for tests of upgrades from an older file.</summary>
    public async Task MigrateAsync(int upToVersion, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(upToVersion, SqliteSchema.Migrations.Count);
        if (System.IO.Path.GetDirectoryName(FilePath) is { Length: > 0 } dir)
        {
            Directory.CreateDirectory(dir);
        }

        await using var connection = await OpenAsync(cancellationToken);
        await ScalarAsync(connection, "PRAGMA journal_mode = WAL;", cancellationToken);
        var version = Convert.ToInt32(await ScalarAsync(connection, "PRAGMA user_version;", cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        for (var i = version; i < upToVersion; i++)
        {
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using var cmd = connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = SqliteSchema.Migrations[i] + $"\nPRAGMA user_version = {i + 1};";
            await cmd.ExecuteNonQueryAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
    }

    public static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return await cmd.ExecuteScalarAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        await _readers.DisposeAsync();
    }
}
