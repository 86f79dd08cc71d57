using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace SalesBot.Storage.Sqlite;

/// <summary>
/// Open read connections, each with its prepared statements, lent to one read at a time. WAL lets
/// them read while the writer writes; keeping them open saves opening a connection and compiling
/// its SQL on every read. At most <see cref="MaxIdle"/> stay open when the load drops.
/// </summary>
internal sealed class SqliteReaders(string connectionString) : IAsyncDisposable
{
    private const int MaxIdle = 32;

    /// <summary>Each read connection's page cache, in KiB: a few reads' pages (SQLite's default is 2,000 KiB).</summary>
    internal const int ReaderCacheKib = 256;
    private readonly ConcurrentBag<SqliteStatements> _idle = [];

    public async Task<T> ReadAsync<T>(Func<SqliteStatements, Task<T>> read, CancellationToken cancellationToken)
    {
        if (!_idle.TryTake(out var statements))
        {
            var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            // A reader's page cache is emptied whenever the file changed since its last read (WAL), which under
            // load is every read: SQLite's default 2 MB per connection would hold up to 64 MB for nothing.
            await SqliteDatabase.ScalarAsync(connection, $"PRAGMA cache_size = -{ReaderCacheKib};", cancellationToken);
            statements = new SqliteStatements(connection);
        }

        var healthy = false;
        try
        {
            var result = await read(statements);
            healthy = true;
            return result;
        }
        finally
        {
            if (healthy && _idle.Count < MaxIdle)
            {
                _idle.Add(statements);
            }
            else
            {
                await CloseAsync(statements);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out var statements))
        {
            await CloseAsync(statements);
        }
    }

    private static async Task CloseAsync(SqliteStatements statements)
    {
        statements.Dispose();
        await statements.Connection.DisposeAsync();
    }
}
