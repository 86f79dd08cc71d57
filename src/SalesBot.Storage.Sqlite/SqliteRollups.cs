using Microsoft.Extensions.Caching.Memory;
using NodaTime;
using NodaTime.Text;
using SalesBot.Conversations.Caching;
using SalesBot.Conversations.Ports;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Summaries;
using SalesBot.Core.Wins;

namespace SalesBot.Storage.Sqlite;

/// <summary>
/// Each member's months (<see cref="MonthRollup"/>): updated in the same transaction as the check-in
/// or win that changes them, and read as one query per member whatever the length of the history.
/// A month read before is kept, parsed, in a small bounded cache with the row and version it was read
/// at: a summary first asks for the months' versions (a few integers from the primary key's index) and
/// parses only the months that changed since, usually just the current one. Parsing a month's JSON is
/// most of what a summary costs (a team of 50 reads about 250 months for its 120-day lookback), and past
/// months almost never change. The version check makes the cache safe beside other writers of the file.
/// </summary>
public sealed class SqliteRollups(SqliteDatabase database, TimeProvider? time = null) : SqliteDocuments(database), IRollupStore, IDisposable
{
    /// <summary>Months kept parsed: a few teams' lookbacks (about 25 KB each, so at most ~25 MB).</summary>
    public const int CachedMonths = 1_000;

    private static readonly TimeSpan KeptWhileUsedWithin = TimeSpan.FromMinutes(30);
    private readonly MemoryCache _parsed = BoundedCache.Create(time ?? TimeProvider.System, CachedMonths);

    public async Task<IReadOnlyList<MonthRollup>> ListAsync(string memberId, YearMonth from, YearMonth to, CancellationToken cancellationToken = default)
    {
        var range = new[] { ("$m", (object?)memberId), ("$from", Month(from)), ("$to", Month(to)) };
        var versions = await Database.ReadAsync(read => read.RowsAsync(
            "SELECT month, rowid, version FROM member_months WHERE member_id = $m AND month BETWEEN $from AND $to ORDER BY month;",
            r => (Month: r.GetString(0), Row: r.GetInt64(1), Version: r.GetInt64(2)), range), cancellationToken);
        var months = new SortedDictionary<string, MonthRollup>(StringComparer.Ordinal);
        string? firstChanged = null, lastChanged = null;
        foreach (var (month, row, version) in versions)
        {
            if (_parsed.TryGetValue((memberId, month), out Parsed? kept) && kept!.Row == row && kept.Version == version)
            {
                months[month] = kept.Rollup;
            }
            else
            {
                firstChanged ??= month;
                lastChanged = month;
            }
        }

        if (firstChanged is not null)
        {
            // The months that changed are read in one go (between the first and the last of them: usually one month).
            var fresh = await Database.ReadAsync(read => read.RowsAsync(
                "SELECT month, rowid, version, doc FROM member_months WHERE member_id = $m AND month BETWEEN $from AND $to ORDER BY month;",
                r => new Parsed(r.GetString(0), r.GetInt64(1), r.GetInt64(2), DocumentJson.Deserialize<MonthRollup>(r.GetString(3))),
                ("$m", memberId), ("$from", firstChanged), ("$to", lastChanged)), cancellationToken);
            foreach (var parsed in fresh)
            {
                months[parsed.Month] = parsed.Rollup;
                _parsed.Set((memberId, parsed.Month), parsed, BoundedCache.IdleFor(KeptWhileUsedWithin));
            }
        }

        return [.. months.Values];
    }

    public void Dispose() => _parsed.Dispose();

    /// <summary>A month as parsed, with the row and version it was read at (a re-created row gets a new rowid).</summary>
    private sealed record Parsed(string Month, long Row, long Version, MonthRollup Rollup);

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
