using System.Globalization;
using NodaTime;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;

namespace SalesBot.Storage.Sqlite;

public sealed class SqliteOutbox(SqliteDatabase database) : SqliteDocuments(database), IOutbox
{
    public Task<OutboxMessage?> GetAsync(string key, CancellationToken cancellationToken = default) =>
        QuerySingleAsync<OutboxMessage>("SELECT doc FROM outbox WHERE key = $k;", cancellationToken, ("$k", key));

    public async Task<IReadOnlyList<OutboxLease>> ClaimDueAsync(Instant now, string owner, Instant leaseUntil, int max, CancellationToken cancellationToken = default)
    {
        // Most sweeps find nothing due: look first on a read connection, so an idle outbox never takes the write lock.
        if (!await AnyDueAsync(now, cancellationToken))
        {
            return [];
        }

        // Select and lease the due rows in one write transaction, so another dispatcher (a second
        // instance on the same file) cannot lease them too.
        return await InTransactionAsync<IReadOnlyList<OutboxLease>>(async write =>
        {
            var due = await write.QueryAsync<OutboxMessage>(
                "SELECT doc FROM outbox WHERE status = $p AND next_attempt_ms <= $now ORDER BY next_attempt_ms, key LIMIT $max;",
                ("$p", nameof(OutboxStatus.Pending)), ("$now", now.ToUnixTimeMilliseconds()), ("$max", max));
            var leases = new List<OutboxLease>(due.Count);
            foreach (var message in due)
            {
                var leased = message with { LeaseOwner = owner, NextAttemptAt = leaseUntil, Attempts = message.Attempts + 1 };
                var version = await write.ScalarAsync(
                    "UPDATE outbox SET next_attempt_ms = $n, doc = $doc, version = version + 1 WHERE key = $k RETURNING version;",
                    ("$n", leaseUntil.ToUnixTimeMilliseconds()), ("$doc", DocumentJson.Serialize(leased)), ("$k", message.Key));
                leases.Add(new OutboxLease(leased, Convert.ToString(version, CultureInfo.InvariantCulture)!));
            }

            return leases;
        }, cancellationToken);
    }

    public Task<bool> CompleteAsync(OutboxLease lease, OutboxMessage outcome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(outcome);
        return InTransactionAsync(async write => await write.ExecuteAsync(
            """
            UPDATE outbox SET status = $s, next_attempt_ms = $n, finished_ms = $f, doc = $doc, version = version + 1
            WHERE key = $k AND version = $v;
            """,
            ("$s", outcome.Status.ToString()), ("$n", outcome.NextAttemptAt.ToUnixTimeMilliseconds()),
            ("$f", outcome.IsFinished ? (outcome.SentAt ?? outcome.NextAttemptAt).ToUnixTimeMilliseconds() : null),
            ("$doc", DocumentJson.Serialize(outcome)), ("$k", lease.Message.Key),
            ("$v", long.Parse(lease.Version, CultureInfo.InvariantCulture))) == 1, cancellationToken);
    }

    private async Task<bool> AnyDueAsync(Instant now, CancellationToken cancellationToken) =>
        Convert.ToInt64(
            await Database.ReadAsync(read => read.ScalarAsync(
                "SELECT EXISTS (SELECT 1 FROM outbox WHERE status = $p AND next_attempt_ms <= $now);",
                ("$p", nameof(OutboxStatus.Pending)), ("$now", now.ToUnixTimeMilliseconds())), cancellationToken),
            CultureInfo.InvariantCulture) == 1;
}
