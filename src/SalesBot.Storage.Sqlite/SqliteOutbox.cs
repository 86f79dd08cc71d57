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

    public async Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(Instant now, Instant leaseUntil, int max, CancellationToken cancellationToken = default)
    {
        await using var connection = await Database.OpenAsync(cancellationToken);
        // One write transaction: select and push the due rows' next attempt past the lease, so a second
        // dispatcher (another instance on the same file) cannot claim them too.
        await using var tx = connection.BeginTransaction(System.Data.IsolationLevel.Serializable, deferred: false);
        var claimed = new List<OutboxMessage>();
        await using (var select = Command(connection,
            "SELECT doc FROM outbox WHERE status = $p AND next_attempt_ms <= $now ORDER BY next_attempt_ms, key LIMIT $max;",
            ("$p", nameof(OutboxStatus.Pending)), ("$now", now.ToUnixTimeMilliseconds()), ("$max", max)))
        {
            select.Transaction = tx;
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                claimed.Add(DocumentJson.Deserialize<OutboxMessage>(reader.GetString(0)));
            }
        }

        for (var i = 0; i < claimed.Count; i++)
        {
            claimed[i] = claimed[i] with { NextAttemptAt = leaseUntil };
            await using var lease = Command(connection, "UPDATE outbox SET next_attempt_ms = $n, doc = $doc WHERE key = $k;",
                ("$n", leaseUntil.ToUnixTimeMilliseconds()), ("$doc", DocumentJson.Serialize(claimed[i])), ("$k", claimed[i].Key));
            lease.Transaction = tx;
            await lease.ExecuteNonQueryAsync(cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return claimed;
    }

    public Task UpdateAsync(OutboxMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return ExecuteAsync("UPDATE outbox SET status = $s, next_attempt_ms = $n, doc = $doc WHERE key = $k;", cancellationToken,
            ("$s", message.Status.ToString()), ("$n", message.NextAttemptAt.ToUnixTimeMilliseconds()),
            ("$doc", DocumentJson.Serialize(message)), ("$k", message.Key));
    }
}
