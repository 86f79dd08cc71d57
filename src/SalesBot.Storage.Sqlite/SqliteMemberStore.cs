using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;

namespace SalesBot.Storage.Sqlite;

public sealed class SqliteMemberStore(SqliteDatabase database) : SqliteDocuments(database), IMemberStore
{
    public Task SaveAsync(Member member, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(member);
        return InTransactionAsync(async write =>
        {
            await write.ExecuteAsync(
                "INSERT INTO members (id, team_id, doc) VALUES ($id, $t, $doc) ON CONFLICT(id) DO UPDATE SET team_id = excluded.team_id, doc = excluded.doc;",
                ("$id", member.Id), ("$t", member.TeamId), ("$doc", DocumentJson.Serialize(member)));
            await write.ExecuteAsync("DELETE FROM channel_accounts WHERE member_id = $id;", ("$id", member.Id));
            foreach (var account in member.ChannelAccounts)
            {
                // An account belongs to one member; linking it elsewhere moves it.
                await write.ExecuteAsync(
                    "INSERT INTO channel_accounts (account_key, member_id) VALUES ($k, $m) ON CONFLICT(account_key) DO UPDATE SET member_id = excluded.member_id;",
                    ("$k", account.Key), ("$m", member.Id));
            }

            return true;
        }, cancellationToken);
    }

    public Task<Member?> GetAsync(string memberId, CancellationToken cancellationToken = default) =>
        QuerySingleAsync<Member>("SELECT doc FROM members WHERE id = $id;", cancellationToken, ("$id", memberId));

    public Task<Member?> FindByChannelAccountAsync(ChannelAccount account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        return QuerySingleAsync<Member>(
            "SELECT m.doc FROM channel_accounts a JOIN members m ON m.id = a.member_id WHERE a.account_key = $k;",
            cancellationToken, ("$k", account.Key));
    }

    public Task<IReadOnlyList<Member>> ListTeamAsync(string teamId, CancellationToken cancellationToken = default) =>
        QueryAsync<Member>("SELECT doc FROM members WHERE team_id = $t ORDER BY id;", cancellationToken, ("$t", teamId));
}
