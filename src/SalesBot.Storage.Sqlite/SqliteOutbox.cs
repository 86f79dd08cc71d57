using NodaTime;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;

namespace SalesBot.Storage.Sqlite;

public sealed class SqliteOutbox(SqliteDatabase database) : SqliteDocuments(database), IOutbox
{
    public async Task<bool> TryEnqueueAsync(OutboxMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var inserted = await ExecuteAsync(
            "INSERT INTO outbox (key, status, next_attempt_ms, doc) VALUES ($k, $s, $n, $doc) ON CONFLICT(key) DO NOTHING;",
            cancellationToken, ("$k", message.Key), ("$s", message.Status.ToString()), ("$n", message.NextAttemptAt.ToUnixTimeMilliseconds()),
            ("$doc", DocumentJson.Serialize(message)));
        return inserted == 1;
    }

    public Task<OutboxMessage?> GetAsync(string key, CancellationToken cancellationToken = default) =>
        QuerySingleAsync<OutboxMessage>("SELECT doc FROM outbox WHERE key = $k;", cancellationToken, ("$k", key));

    public Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(Instant now, Instant leaseUntil, int max, CancellationToken cancellationToken = default) =>
        // Select and push the due rows' next attempt past the lease in one write transaction, so a
        // second dispatcher (another instance on the same file) cannot claim them too.
        InTransactionAsync<IReadOnlyList<OutboxMessage>>(async write =>
        {
            var due = await write.QueryAsync<OutboxMessage>(
                "SELECT doc FROM outbox WHERE status = $p AND next_attempt_ms <= $now ORDER BY next_attempt_ms, key LIMIT $max;",
                ("$p", nameof(OutboxStatus.Pending)), ("$now", now.ToUnixTimeMilliseconds()), ("$max", max));
            var claimed = due.Select(m => m with { NextAttemptAt = leaseUntil }).ToList();
            foreach (var message in claimed)
            {
                await write.ExecuteAsync("UPDATE outbox SET next_attempt_ms = $n, doc = $doc WHERE key = $k;",
                    ("$n", leaseUntil.ToUnixTimeMilliseconds()), ("$doc", DocumentJson.Serialize(message)), ("$k", message.Key));
            }

            return claimed;
        }, cancellationToken);

    public Task UpdateAsync(OutboxMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return ExecuteAsync("UPDATE outbox SET status = $s, next_attempt_ms = $n, doc = $doc WHERE key = $k;", cancellationToken,
            ("$s", message.Status.ToString()), ("$n", message.NextAttemptAt.ToUnixTimeMilliseconds()),
            ("$doc", DocumentJson.Serialize(message)), ("$k", message.Key));
    }
}
