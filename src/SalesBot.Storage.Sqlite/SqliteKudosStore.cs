using SalesBot.Conversations.Ports;
using SalesBot.Core.Wins;

namespace SalesBot.Storage.Sqlite;

public sealed class SqliteKudosStore(SqliteDatabase database) : SqliteDocuments(database), IKudosStore
{
    public Task<Stored<WinKudos>?> GetAsync(string memberId, string winId, CancellationToken cancellationToken = default) =>
        QueryStoredAsync<WinKudos>("SELECT doc, version FROM kudos WHERE member_id = $m AND win_id = $w;", cancellationToken, ("$m", memberId), ("$w", winId));
}
