using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace SalesBot.Storage.Sqlite;

/// <summary>
/// The one writer of this process, on its own connection. Writes queue here; the writer takes all
/// that are queued, runs each in its own savepoint inside one transaction and commits once. Under
/// load many turns share one commit (group commit), nobody holds a thread while waiting for the
/// file's write lock, and a write that fails (a conflict) rolls back alone.
/// </summary>
internal sealed class SqliteWriter : IAsyncDisposable
{
    private const int MaxBatch = 128;
    private const string SavepointSql = "SAVEPOINT turn;";
    private const string ReleaseSql = "RELEASE turn;";
    private const string RollbackToSql = "ROLLBACK TO turn;";
    private readonly Channel<IWriteRequest> _queue = Channel.CreateUnbounded<IWriteRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly string _connectionString;
    private readonly Task _loop;
    private SqliteStatements? _statements;

    public SqliteWriter(string connectionString)
    {
        _connectionString = connectionString;
        _loop = Task.Run(RunAsync);
    }

    public Task<T> WriteAsync<T>(Func<SqliteWrite, Task<T>> work, CancellationToken cancellationToken)
    {
        var request = new WriteRequest<T>(work, cancellationToken);
        return _queue.Writer.TryWrite(request) ? request.Task : throw new ObjectDisposedException(nameof(SqliteWriter));
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        await ResetConnectionAsync();
    }

    private async Task RunAsync()
    {
        var batch = new List<IWriteRequest>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var request))
            {
                // A caller that gave up before its write started gets nothing written.
                if (!request.CancelIfRequested())
                {
                    batch.Add(request);
                }
            }

            try
            {
                await CommitAsync(batch);
            }
            catch (Exception ex)
            {
                // BEGIN or COMMIT failed (e.g. another process held the file's lock too long): nothing of the batch was written.
                batch.ForEach(r => r.Fail(ex));
                await ResetConnectionAsync();
            }

            batch.Clear();
        }
    }

    private async Task CommitAsync(List<IWriteRequest> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        // BEGIN, SAVEPOINT, RELEASE and COMMIT go through the connection's prepared statements like every
        // other write: Microsoft.Data.Sqlite's transaction object would compile each of them anew per call.
        var statements = await StatementsAsync();
        var write = new SqliteWrite(statements, null, CancellationToken.None);
        // If BEGIN or COMMIT throws, the loop fails the whole batch and closes the connection, which rolls back.
        await write.ExecuteAsync("BEGIN IMMEDIATE;");
        var succeeded = new List<IWriteRequest>(batch.Count);
        foreach (var request in batch)
        {
            await write.ExecuteAsync(SavepointSql);
            try
            {
                await request.RunAsync(write);
                await write.ExecuteAsync(ReleaseSql);
                succeeded.Add(request);
            }
            catch (Exception ex)
            {
                await write.ExecuteAsync(RollbackToSql);
                await write.ExecuteAsync(ReleaseSql);
                request.Fail(ex);
            }
        }

        await write.ExecuteAsync("COMMIT;");
        succeeded.ForEach(r => r.Complete());
    }

    private async Task<SqliteStatements> StatementsAsync()
    {
        if (_statements is { Connection.State: System.Data.ConnectionState.Open })
        {
            return _statements;
        }

        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await SqliteDatabase.ScalarAsync(connection, "PRAGMA synchronous = NORMAL;", CancellationToken.None);
        _statements = new SqliteStatements(connection);
        return _statements;
    }

    private async Task ResetConnectionAsync()
    {
        if (_statements is not null)
        {
            _statements.Dispose();
            await _statements.Connection.DisposeAsync();
            _statements = null;
        }
    }

    private interface IWriteRequest
    {
        bool CancelIfRequested();

        Task RunAsync(SqliteWrite write);

        void Complete();

        void Fail(Exception exception);
    }

    private sealed class WriteRequest<T>(Func<SqliteWrite, Task<T>> work, CancellationToken cancellationToken) : IWriteRequest
    {
        // Continuations run on the pool, never inline on the writer loop.
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _result = default!;

        public Task<T> Task => _done.Task;

        public bool CancelIfRequested() => cancellationToken.IsCancellationRequested && _done.TrySetCanceled(cancellationToken);

        public async Task RunAsync(SqliteWrite write) => _result = await work(write);

        public void Complete() => _done.TrySetResult(_result);

        public void Fail(Exception exception) => _done.TrySetException(exception);
    }
}
