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
    private readonly ConcurrentBag<SqliteStatements> _idle = [];

    public async Task<T> ReadAsync<T>(Func<SqliteStatements, Task<T>> read, CancellationToken cancellationToken)
    {
        if (!_idle.TryTake(out var statements))
        {
            var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
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
