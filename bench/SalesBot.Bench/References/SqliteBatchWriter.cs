using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace SalesBot.Bench.References;

/// <summary>
/// One writer for one SQLite file (WAL, <c>synchronous=NORMAL</c>): every row queued while the last
/// commit ran goes into the next transaction, and each caller awaits the commit that holds its row.
/// The least a durable single-file store can do per turn.
/// </summary>
internal sealed class SqliteBatchWriter : IAsyncDisposable
{
    private readonly Channel<(string Id, string From, string Text, TaskCompletionSource Done)> _queue =
        Channel.CreateUnbounded<(string, string, string, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteConnection _connection;
    private readonly Task _loop;

    public SqliteBatchWriter(string path)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        using var setup = _connection.CreateCommand();
        setup.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; CREATE TABLE IF NOT EXISTS turns (id TEXT PRIMARY KEY, sender TEXT NOT NULL, text TEXT NOT NULL);";
        setup.ExecuteNonQuery();
        _loop = Task.Run(WriteLoopAsync);
    }

    public Task CommitAsync(string id, string from, string text)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _queue.Writer.TryWrite((id, from, text, done)) ? done.Task : Task.FromException(new ObjectDisposedException(nameof(SqliteBatchWriter)));
    }

    private async Task WriteLoopAsync()
    {
        using var insert = _connection.CreateCommand();
        insert.CommandText = "INSERT OR IGNORE INTO turns (id, sender, text) VALUES ($id, $from, $text);";
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var from = insert.Parameters.Add("$from", SqliteType.Text);
        var text = insert.Parameters.Add("$text", SqliteType.Text);
        insert.Prepare();
        var batch = new List<TaskCompletionSource>(256);
        while (await _queue.Reader.WaitToReadAsync())
        {
            using (var transaction = _connection.BeginTransaction())
            {
                insert.Transaction = transaction;
                while (batch.Count < 1024 && _queue.Reader.TryRead(out var row))
                {
                    id.Value = row.Id;
                    from.Value = row.From;
                    text.Value = row.Text;
                    insert.ExecuteNonQuery();
                    batch.Add(row.Done);
                }

                transaction.Commit();
            }

            foreach (var done in batch)
            {
                done.SetResult();
            }

            batch.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        await _connection.DisposeAsync();
    }
}
