using NodaTime;
using NodaTime.Text;
using SalesBot.Conversations.Ports;
using SalesBot.Core.CheckIns;

namespace SalesBot.Storage.Sqlite;

public sealed class SqliteCheckInStore(SqliteDatabase database) : SqliteDocuments(database), ICheckInStore
{
    public Task<CheckInSave> SaveAsync(CheckIn checkIn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkIn);
        // One write transaction, so two submits for the same day cannot both see "no check-in yet".
        return InTransactionAsync(async write =>
        {
            var existing = await write.QueryAsync<CheckIn>("SELECT doc FROM checkins WHERE member_id = $m AND report_date = $d;",
                ("$m", checkIn.MemberId), ("$d", Day(checkIn.ReportDate)));
            var previous = existing.Count > 0 ? existing[0] : null;
            var stored = previous is null ? checkIn : checkIn with { SubmittedAt = previous.SubmittedAt, UpdatedAt = checkIn.SubmittedAt };
            await write.ExecuteAsync(
                "INSERT INTO checkins (member_id, report_date, doc) VALUES ($m, $d, $doc) ON CONFLICT(member_id, report_date) DO UPDATE SET doc = excluded.doc;",
                ("$m", stored.MemberId), ("$d", Day(stored.ReportDate)), ("$doc", DocumentJson.Serialize(stored)));
            return new CheckInSave(previous is null ? CheckInSaveKind.Created : CheckInSaveKind.Replaced, stored, previous);
        }, cancellationToken);
    }

    public Task<CheckIn?> GetAsync(string memberId, LocalDate reportDate, CancellationToken cancellationToken = default) =>
        QuerySingleAsync<CheckIn>("SELECT doc FROM checkins WHERE member_id = $m AND report_date = $d;", cancellationToken,
            ("$m", memberId), ("$d", Day(reportDate)));

    public Task<IReadOnlyList<CheckIn>> ListForMemberAsync(string memberId, LocalDate from, LocalDate to, CancellationToken cancellationToken = default) =>
        QueryAsync<CheckIn>(
            "SELECT doc FROM checkins WHERE member_id = $m AND report_date BETWEEN $from AND $to ORDER BY report_date;",
            cancellationToken, ("$m", memberId), ("$from", Day(from)), ("$to", Day(to)));

    // ISO dates sort as text, so BETWEEN works on the column.
    private static string Day(LocalDate date) => LocalDatePattern.Iso.Format(date);
}
