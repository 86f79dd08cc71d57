using SalesBot.Conversations.Ports;

namespace SalesBot.Storage.Sqlite;

/// <summary>The schedule index is the members table's <c>time_zone</c> column, kept by every member write.</summary>
public sealed class SqliteScheduleIndex(SqliteDatabase database) : SqliteDocuments(database), IScheduleIndex
{
    public Task<IReadOnlyList<string>> ListTimeZonesAsync(CancellationToken cancellationToken = default) =>
        Database.ReadAsync(read => read.RowsAsync("SELECT DISTINCT time_zone FROM members ORDER BY time_zone;", r => r.GetString(0)), cancellationToken);

    public Task<IReadOnlyList<MemberKey>> ListMembersInZoneAsync(string timeZoneId, CancellationToken cancellationToken = default) =>
        Database.ReadAsync(
            read => read.RowsAsync("SELECT team_id, id FROM members WHERE time_zone = $z ORDER BY id;", r => new MemberKey(r.GetString(0), r.GetString(1)), ("$z", timeZoneId)),
            cancellationToken);
}
