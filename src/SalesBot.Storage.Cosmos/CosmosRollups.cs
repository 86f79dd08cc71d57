using NodaTime;
using NodaTime.Text;
using SalesBot.Conversations.Ports;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Summaries;
using SalesBot.Core.Wins;

namespace SalesBot.Storage.Cosmos;

/// <summary>
/// Each member's months (<see cref="MonthRollup"/>), one item per month in the member's history
/// partition (<c>month|yyyy-MM</c>, sort = yyyy-MM). The writer updates a month right after the
/// check-in or win that changes it, with a read and an ETag-conditional replace, so two writers never
/// lose each other's day; a summary reads the months it needs in one query per member.
/// </summary>
public sealed class CosmosRollups(CosmosDatabase db) : IRollupStore
{
    // Each retry follows another writer's success, so this many writers of one month at once all get through.
    private const int Attempts = 16;

    public async Task<IReadOnlyList<MonthRollup>> ListAsync(string memberId, YearMonth from, YearMonth to, CancellationToken cancellationToken = default)
    {
        var documents = await CosmosQuery.ListAsync<CosmosDocument<MonthRollup>>(
            db.History, CosmosKeys.HistoryPk(memberId),
            "SELECT * FROM c WHERE c.pk = @pk AND c.type = 'month' AND c.sort >= @from AND c.sort <= @to ORDER BY c.sort",
            cancellationToken, ("@from", Month(from)), ("@to", Month(to)));
        return [.. documents.Select(d => d.Body)];
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the member's month: read, change, replace on the ETag read
    /// (or create), again from the read when another writer came first. A month not kept yet is built
    /// from its records first, so history from before the rollups is never lost.
    /// </summary>
    public async Task ApplyAsync(string memberId, YearMonth month, Func<MonthRollup, MonthRollup> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 1; ; attempt++)
        {
            var stored = await CosmosItems.ReadAsync<MonthRollup>(db.History, CosmosKeys.MonthId(month), CosmosKeys.HistoryPk(memberId), cancellationToken);
            var current = stored?.Body ?? await BuildAsync(memberId, month, cancellationToken);
            var next = change(current);
            if (stored is not null && ReferenceEquals(next, current))
            {
                return; // already kept (a replayed win): nothing to write
            }

            try
            {
                await CosmosItems.WriteAsync(db.History, Document(next), stored is null ? Expect.Absent : Expect.Version(stored.ETag!), cancellationToken);
                return;
            }
            catch (StoreConflictException) when (attempt < Attempts)
            {
                // Another writer changed the month between the read and the write: apply ours to theirs.
            }
        }
    }

    /// <summary>Creates the month from its records unless it is kept already (the start-up backfill).</summary>
    public async Task<bool> BackfillAsync(string memberId, YearMonth month, CancellationToken cancellationToken) =>
        await CosmosItems.CreateIfAbsentAsync(db.History, Document(await BuildAsync(memberId, month, cancellationToken)), cancellationToken);

    /// <summary>The months that have check-ins or wins but no rollup yet.</summary>
    public async Task<IReadOnlyList<YearMonth>> MissingMonthsAsync(string memberId, CancellationToken cancellationToken)
    {
        var pk = CosmosKeys.HistoryPk(memberId);
        var kept = (await CosmosQuery.ListAsync<CosmosDocument<MonthRollup>>(db.History, pk, "SELECT * FROM c WHERE c.pk = @pk AND c.type = 'month'", cancellationToken))
            .Select(d => d.Body.Month).ToHashSet();
        var days = await CosmosQuery.ListAsync<CosmosDocument<CheckIn>>(db.History, pk, "SELECT * FROM c WHERE c.pk = @pk AND c.type = 'checkin'", cancellationToken);
        var wins = await CosmosQuery.ListAsync<CosmosDocument<Win>>(db.History, pk, "SELECT * FROM c WHERE c.pk = @pk AND c.type = 'win'", cancellationToken);
        return [.. days.Select(d => MonthRollup.MonthOf(d.Body.ReportDate)).Concat(wins.Select(w => MonthRollup.MonthOf(w.Body.At)))
            .Distinct().Where(m => !kept.Contains(m)).Order()];
    }

    private async Task<MonthRollup> BuildAsync(string memberId, YearMonth month, CancellationToken cancellationToken)
    {
        var pk = CosmosKeys.HistoryPk(memberId);
        var first = month.OnDayOfMonth(1);
        var next = month.PlusMonths(1).OnDayOfMonth(1);
        var checkIns = await CosmosQuery.ListAsync<CosmosDocument<CheckIn>>(db.History, pk,
            "SELECT * FROM c WHERE c.pk = @pk AND c.type = 'checkin' AND c.sort >= @from AND c.sort < @to",
            cancellationToken, ("@from", LocalDatePattern.Iso.Format(first)), ("@to", LocalDatePattern.Iso.Format(next)));
        var wins = await CosmosQuery.ListAsync<CosmosDocument<Win>>(db.History, pk,
            "SELECT * FROM c WHERE c.pk = @pk AND c.type = 'win' AND c.due >= @from AND c.due < @to",
            cancellationToken, ("@from", first.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant().ToUnixTimeMilliseconds()),
            ("@to", next.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant().ToUnixTimeMilliseconds()));
        return MonthRollup.Build(memberId, month, checkIns.Select(d => d.Body), wins.Select(d => d.Body));
    }

    private static CosmosDocument<MonthRollup> Document(MonthRollup rollup) => new()
    {
        Id = CosmosKeys.MonthId(rollup.Month), Pk = CosmosKeys.HistoryPk(rollup.MemberId), Type = "month", Sort = Month(rollup.Month), Body = rollup,
    };

    private static string Month(YearMonth month) => YearMonthPattern.Iso.Format(month);
}
