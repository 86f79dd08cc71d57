using NodaTime;
using SalesBot.Conversations.Ports;

namespace SalesBot.Storage.Sqlite;

public sealed class SqliteProcessedEvents(SqliteDatabase database) : SqliteDocuments(database), IProcessedEvents
{
    public async Task<bool> TryMarkAsync(string key, Instant at, CancellationToken cancellationToken = default) =>
        await ExecuteAsync("INSERT INTO processed_events (key, at_ms) VALUES ($k, $at) ON CONFLICT(key) DO NOTHING;", cancellationToken,
            ("$k", key), ("$at", at.ToUnixTimeMilliseconds())) == 1;

    public Task ForgetAsync(string key, CancellationToken cancellationToken = default) =>
        ExecuteAsync("DELETE FROM processed_events WHERE key = $k;", cancellationToken, ("$k", key));
}
