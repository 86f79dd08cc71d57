using NodaTime;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Wins;

namespace SalesBot.Storage.Sqlite;

public sealed class SqliteWinStore(SqliteDatabase database) : SqliteDocuments(database), IWinStore
{
    public Task<Win?> GetAsync(string memberId, string winId, CancellationToken cancellationToken = default) =>
        QuerySingleAsync<Win>("SELECT doc FROM wins WHERE id = $id AND member_id = $m;", cancellationToken, ("$id", winId), ("$m", memberId));

    public Task<IReadOnlyList<Win>> ListForMemberAsync(string memberId, Instant from, Instant to, CancellationToken cancellationToken = default) =>
        QueryAsync<Win>("SELECT doc FROM wins WHERE member_id = $m AND at_ms >= $from AND at_ms < $to ORDER BY at_ms, id;", cancellationToken,
            ("$m", memberId), ("$from", from.ToUnixTimeMilliseconds()), ("$to", to.ToUnixTimeMilliseconds()));
}
