using SalesBot.Conversations.Ports;

namespace SalesBot.Storage.Sqlite;

/// <summary>The schedule index is the members table's <c>time_zone</c> column, kept by every member write.</summary>
public sealed class SqliteScheduleIndex(SqliteDatabase database) : SqliteDocuments(database), IScheduleIndex
{
    public async Task<IReadOnlyList<string>> ListTimeZonesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await Database.OpenAsync(cancellationToken);
        await using var cmd = Command(connection, "SELECT DISTINCT time_zone FROM members ORDER BY time_zone;");
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var zones = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            zones.Add(reader.GetString(0));
        }

        return zones;
    }

    public async Task<IReadOnlyList<MemberKey>> ListMembersInZoneAsync(string timeZoneId, CancellationToken cancellationToken = default)
    {
        await using var connection = await Database.OpenAsync(cancellationToken);
        await using var cmd = Command(connection, "SELECT team_id, id FROM members WHERE time_zone = $z ORDER BY id;", ("$z", timeZoneId));
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var keys = new List<MemberKey>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(new MemberKey(reader.GetString(0), reader.GetString(1)));
        }

        return keys;
    }
}
