using System.Globalization;
using NodaTime;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;

namespace SalesBot.Storage.Sqlite;

public sealed class SqliteOutbox(SqliteDatabase database) : SqliteDocuments(database), IOutbox, IOutboxAdmin
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

    public async Task<OutboxCounts> CountAsync(string? teamId, CancellationToken cancellationToken = default)
    {
        var rows = await Database.ReadAsync(read => read.RowsAsync(
            teamId is null
                ? "SELECT status, COUNT(*) FROM outbox GROUP BY status;"
                : "SELECT status, COUNT(*) FROM outbox WHERE team_id = $t GROUP BY status;",
            r => (Status: r.GetString(0), Count: r.GetInt64(1)), ("$t", teamId)), cancellationToken);
        return new OutboxCounts(rows
            .Where(r => Enum.TryParse<OutboxStatus>(r.Status, out _))
            .ToDictionary(r => Enum.Parse<OutboxStatus>(r.Status), r => r.Count));
    }

    public async Task<IReadOnlyList<Stored<OutboxMessage>>> ListRecentAsync(
        IReadOnlyCollection<OutboxStatus> statuses, string? teamId, int max, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(max, IOutboxAdmin.MaxList);
        var recent = new List<Stored<OutboxMessage>>();
        // One indexed range per status (newest first, at most max each), merged: no sort of the whole table.
        foreach (var status in statuses.Distinct())
        {
            recent.AddRange(await Database.ReadAsync(read => read.RowsAsync(
                teamId is null
                    ? "SELECT doc, version FROM outbox WHERE status = $s ORDER BY created_ms DESC, key DESC LIMIT $max;"
                    : "SELECT doc, version FROM outbox WHERE team_id = $t AND status = $s ORDER BY created_ms DESC, key DESC LIMIT $max;",
                StoredMessage, ("$s", status.ToString()), ("$t", teamId), ("$max", max)), cancellationToken));
        }

        return [.. recent.OrderByDescending(m => m.Value.CreatedAt).ThenByDescending(m => m.Value.Key, StringComparer.Ordinal).Take(max)];
    }

    public async Task<OutboxRetryResult> RetryAsync(string key, Instant now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var stored = await QueryStoredAsync<OutboxMessage>("SELECT doc, version FROM outbox WHERE key = $k;", cancellationToken, ("$k", key));
        if (stored is null)
        {
            return new OutboxRetryResult(OutboxRetryOutcome.NotFound, $"No post has the key '{key}'.");
        }

        if (OutboxRetries.RefusalReason(stored.Value, now) is { } refusal)
        {
            return new OutboxRetryResult(OutboxRetryOutcome.Refused, refusal);
        }

        return await InTransactionAsync(write => TryRetryAsync(write, stored, now), cancellationToken)
            ? new OutboxRetryResult(OutboxRetryOutcome.Retried, "Queued to be sent again now.")
            : new OutboxRetryResult(OutboxRetryOutcome.Changed, "It changed while being retried; look again.");
    }

    /// <summary>The retry write, also used by <see cref="SqliteStoreWriter"/> for <see cref="OutboxRetry"/>: false when the post is no longer at the version read.</summary>
    internal static async Task<bool> TryRetryAsync(SqliteWrite write, Stored<OutboxMessage> stored, Instant now)
    {
        var retried = OutboxRetries.Retried(stored.Value, now);
        return await write.ExecuteAsync(
            """
            UPDATE outbox SET status = $s, next_attempt_ms = $n, finished_ms = NULL, doc = $doc, version = version + 1
            WHERE key = $k AND version = $v;
            """,
            ("$s", retried.Status.ToString()), ("$n", now.ToUnixTimeMilliseconds()), ("$doc", DocumentJson.Serialize(retried)),
            ("$k", retried.Key), ("$v", long.Parse(stored.Version, CultureInfo.InvariantCulture))) == 1;
    }

    private static Stored<OutboxMessage> StoredMessage(Microsoft.Data.Sqlite.SqliteDataReader row) =>
        new(SqliteWrite.Document<OutboxMessage>(row, 0), row.GetInt64(1).ToString(CultureInfo.InvariantCulture));

    private async Task<bool> AnyDueAsync(Instant now, CancellationToken cancellationToken) =>
        Convert.ToInt64(
            await Database.ReadAsync(read => read.ScalarAsync(
                "SELECT EXISTS (SELECT 1 FROM outbox WHERE status = $p AND next_attempt_ms <= $now);",
                ("$p", nameof(OutboxStatus.Pending)), ("$now", now.ToUnixTimeMilliseconds())), cancellationToken),
            CultureInfo.InvariantCulture) == 1;
}
