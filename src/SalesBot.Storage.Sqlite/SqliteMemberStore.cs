using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;

namespace SalesBot.Storage.Sqlite;

public sealed class SqliteMemberStore(SqliteDatabase database) : SqliteDocuments(database), IMemberStore
{
    public Task<Stored<Member>?> GetAsync(string teamId, string memberId, CancellationToken cancellationToken = default) =>
        QueryStoredAsync<Member>("SELECT doc, version FROM members WHERE id = $id AND team_id = $t;", cancellationToken, ("$id", memberId), ("$t", teamId));

    public Task<Stored<Member>?> FindByChannelAccountAsync(ChannelAccount account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        return QueryStoredAsync<Member>(
            "SELECT m.doc, m.version FROM channel_accounts a JOIN members m ON m.id = a.member_id WHERE a.account_key = $k;",
            cancellationToken, ("$k", account.Key));
    }

    public Task<IReadOnlyList<Member>> ListTeamAsync(string teamId, CancellationToken cancellationToken = default) =>
        QueryAsync<Member>("SELECT doc FROM members WHERE team_id = $t ORDER BY id;", cancellationToken, ("$t", teamId));
}
