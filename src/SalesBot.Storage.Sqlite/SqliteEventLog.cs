using NodaTime;
using SalesBot.Conversations.Ports;

namespace SalesBot.Storage.Sqlite;

public sealed class SqliteEventLog(SqliteDatabase database) : SqliteDocuments(database), IEventLog
{
    public Task<EventClaim> TryClaimAsync(string key, Instant now, Duration hold, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async write =>
        {
            // New, or an expired claim of a turn that died: take it. Anything else is a duplicate.
            var taken = await write.ExecuteAsync(
                """
                INSERT INTO events (key, done, expires_ms) VALUES ($k, 0, $until)
                ON CONFLICT(key) DO UPDATE SET done = 0, expires_ms = excluded.expires_ms WHERE events.expires_ms <= $now;
                """,
                ("$k", key), ("$until", (now + hold).ToUnixTimeMilliseconds()), ("$now", now.ToUnixTimeMilliseconds()));
            if (taken == 1)
            {
                return EventClaim.Claimed;
            }

            var done = Convert.ToInt64(await write.ScalarAsync("SELECT done FROM events WHERE key = $k;", ("$k", key)), System.Globalization.CultureInfo.InvariantCulture);
            return done == 1 ? EventClaim.Done : EventClaim.InProgress;
        }, cancellationToken);

    public Task ReleaseAsync(string key, CancellationToken cancellationToken = default) =>
        InTransactionAsync(write => write.ExecuteAsync("DELETE FROM events WHERE key = $k AND done = 0;", ("$k", key)), cancellationToken);
}
