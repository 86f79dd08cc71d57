using Microsoft.Data.Sqlite;
using SalesBot.Conversations.Ports;

namespace SalesBot.Testing.Faults;

/// <summary>The real writer, except that the next <see cref="FailNext"/> commits fail as a locked SQLite file does.</summary>
public sealed class FailingStoreWriter(IStoreWriter inner) : IStoreWriter
{
    private int _failures;

    public void FailNext(int commits) => Interlocked.Exchange(ref _failures, commits);

    public Task CommitAsync(ChangeSet changes, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Decrement(ref _failures) >= 0)
        {
            // SQLITE_BUSY, as a writer meets when another process holds the file's lock past busy_timeout.
            throw new SqliteException("SQLite Error 5: 'database is locked'.", 5);
        }

        Interlocked.Exchange(ref _failures, 0);
        return inner.CommitAsync(changes, cancellationToken);
    }
}
