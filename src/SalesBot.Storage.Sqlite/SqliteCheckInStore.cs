using NodaTime;
using NodaTime.Text;
using SalesBot.Conversations.Ports;
using SalesBot.Core.CheckIns;

namespace SalesBot.Storage.Sqlite;

public sealed class SqliteCheckInStore(SqliteDatabase database) : SqliteDocuments(database), ICheckInStore
{
    public Task<Stored<CheckIn>?> GetAsync(string memberId, LocalDate reportDate, CancellationToken cancellationToken = default) =>
        QueryStoredAsync<CheckIn>("SELECT doc, version FROM checkins WHERE member_id = $m AND report_date = $d;", cancellationToken,
            ("$m", memberId), ("$d", Day(reportDate)));

    public Task<IReadOnlyList<CheckIn>> ListForMemberAsync(string memberId, LocalDate from, LocalDate to, CancellationToken cancellationToken = default) =>
        QueryAsync<CheckIn>(
            "SELECT doc FROM checkins WHERE member_id = $m AND report_date BETWEEN $from AND $to ORDER BY report_date;",
            cancellationToken, ("$m", memberId), ("$from", Day(from)), ("$to", Day(to)));

    // ISO dates sort as text, so BETWEEN works on the column.
    private static string Day(LocalDate date) => LocalDatePattern.Iso.Format(date);
}
