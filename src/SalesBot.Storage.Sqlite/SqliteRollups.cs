using NodaTime;
using NodaTime.Text;
using SalesBot.Conversations.Ports;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Summaries;
using SalesBot.Core.Wins;

namespace SalesBot.Storage.Sqlite;

/// <summary>
/// Each member's months (<see cref="MonthRollup"/>): updated in the same transaction as the check-in
/// or win that changes them, and read as one query per member whatever the length of the history.
/// </summary>
public sealed class SqliteRollups(SqliteDatabase database) : SqliteDocuments(database), IRollupStore
{
    public Task<IReadOnlyList<MonthRollup>> ListAsync(string memberId, YearMonth from, YearMonth to, CancellationToken cancellationToken = default) =>
        QueryAsync<MonthRollup>("SELECT doc FROM member_months WHERE member_id = $m AND month BETWEEN $from AND $to ORDER BY month;",
            cancellationToken, ("$m", memberId), ("$from", Month(from)), ("$to", Month(to)));

    /// <summary>Applies <paramref name="change"/> to the member's month inside the writer's transaction, building the month from its records if it has none yet.</summary>
    internal static async Task ApplyAsync(SqliteWrite write, string memberId, YearMonth month, Func<MonthRollup, MonthRollup> change)
    {
        var rows = await write.QueryAsync<MonthRollup>("SELECT doc FROM member_months WHERE member_id = $m AND month = $mo;", ("$m", memberId), ("$mo", Month(month)));
        var current = rows.Count > 0 ? rows[0] : await BuildAsync(write, memberId, month);
        await write.ExecuteAsync(
            """
            INSERT INTO member_months (member_id, month, doc) VALUES ($m, $mo, $doc)
            ON CONFLICT(member_id, month) DO UPDATE SET doc = excluded.doc, version = version + 1;
            """,
            ("$m", memberId), ("$mo", Month(month)), ("$doc", DocumentJson.Serialize(change(current))));
    }

    private static async Task<MonthRollup> BuildAsync(SqliteWrite write, string memberId, YearMonth month)
    {
        var first = month.OnDayOfMonth(1);
        var next = month.PlusMonths(1).OnDayOfMonth(1);
        var checkIns = await write.QueryAsync<CheckIn>("SELECT doc FROM checkins WHERE member_id = $m AND report_date >= $from AND report_date < $to;",
            ("$m", memberId), ("$from", LocalDatePattern.Iso.Format(first)), ("$to", LocalDatePattern.Iso.Format(next)));
        var wins = await write.QueryAsync<Win>("SELECT doc FROM wins WHERE member_id = $m AND at_ms >= $from AND at_ms < $to;",
            ("$m", memberId), ("$from", first.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant().ToUnixTimeMilliseconds()),
            ("$to", next.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant().ToUnixTimeMilliseconds()));
        return MonthRollup.Build(memberId, month, checkIns, wins);
    }

    private static string Month(YearMonth month) => YearMonthPattern.Iso.Format(month);
}
