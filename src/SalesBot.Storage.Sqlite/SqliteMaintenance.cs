using NodaTime;
using SalesBot.Conversations.Ports;

namespace SalesBot.Storage.Sqlite;

/// <summary>SQLite has no TTL: expired event marks and finished posts past their retention are deleted by the pruning job.</summary>
public sealed class SqliteMaintenance(SqliteDatabase database) : SqliteDocuments(database), IStoreMaintenance
{
    public Task<int> PruneAsync(Instant now, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async write =>
            await write.ExecuteAsync("DELETE FROM events WHERE expires_ms <= $now;", ("$now", now.ToUnixTimeMilliseconds()))
            + await write.ExecuteAsync("DELETE FROM outbox WHERE finished_ms IS NOT NULL AND finished_ms <= $before;",
                ("$before", (now - Retention.FinishedPosts).ToUnixTimeMilliseconds())),
            cancellationToken);
}
