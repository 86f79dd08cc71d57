using NodaTime;
using NodaTime.Text;
using SalesBot.Conversations.Ports;
using SalesBot.Core.CheckIns;

namespace SalesBot.Storage.Sqlite;

public sealed class SqliteCheckInStore(SqliteDatabase database) : SqliteDocuments(database), ICheckInStore
{
    public async Task<CheckInSave> SaveAsync(CheckIn checkIn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkIn);
        await using var connection = await Database.OpenAsync(cancellationToken);
        // IMMEDIATE takes the write lock before reading, so two submits for the same day cannot both
        // see "no check-in yet" and both report Created.
        await using var tx = connection.BeginTransaction(System.Data.IsolationLevel.Serializable, deferred: false);
        CheckIn? previous = null;
        await using (var read = Command(connection, "SELECT doc FROM checkins WHERE member_id = $m AND report_date = $d;",
            ("$m", checkIn.MemberId), ("$d", Day(checkIn.ReportDate))))
        {
            read.Transaction = tx;
            if (await read.ExecuteScalarAsync(cancellationToken) is string json)
            {
                previous = DocumentJson.Deserialize<CheckIn>(json);
            }
        }

        var stored = previous is null ? checkIn : checkIn with { SubmittedAt = previous.SubmittedAt, UpdatedAt = checkIn.SubmittedAt };
        await using (var write = Command(connection,
            "INSERT INTO checkins (member_id, report_date, doc) VALUES ($m, $d, $doc) ON CONFLICT(member_id, report_date) DO UPDATE SET doc = excluded.doc;",
            ("$m", stored.MemberId), ("$d", Day(stored.ReportDate)), ("$doc", DocumentJson.Serialize(stored))))
        {
            write.Transaction = tx;
            await write.ExecuteNonQueryAsync(cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return new CheckInSave(previous is null ? CheckInSaveKind.Created : CheckInSaveKind.Replaced, stored, previous);
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
