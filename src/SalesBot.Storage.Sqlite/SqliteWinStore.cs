using NodaTime;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Wins;

namespace SalesBot.Storage.Sqlite;

public sealed class SqliteWinStore(SqliteDatabase database) : SqliteDocuments(database), IWinStore
{
    public async Task<bool> AddAsync(Win win, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(win);
        var inserted = await ExecuteAsync(
            "INSERT INTO wins (id, member_id, team_id, at_ms, doc) VALUES ($id, $m, $t, $at, $doc) ON CONFLICT(id) DO NOTHING;",
            cancellationToken, ("$id", win.Id), ("$m", win.MemberId), ("$t", win.TeamId), ("$at", win.At.ToUnixTimeMilliseconds()),
            ("$doc", DocumentJson.Serialize(win)));
        return inserted == 1;
    }

    public Task<IReadOnlyList<Win>> ListForMemberAsync(string memberId, Instant from, Instant to, CancellationToken cancellationToken = default) =>
        QueryAsync<Win>("SELECT doc FROM wins WHERE member_id = $m AND at_ms >= $from AND at_ms < $to ORDER BY at_ms, id;", cancellationToken,
            ("$m", memberId), ("$from", from.ToUnixTimeMilliseconds()), ("$to", to.ToUnixTimeMilliseconds()));
}
