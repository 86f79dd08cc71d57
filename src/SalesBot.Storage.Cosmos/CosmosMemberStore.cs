using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;

namespace SalesBot.Storage.Cosmos;

public sealed class CosmosMemberStore(CosmosDatabase db) : IMemberStore
{
    public Task<Stored<Member>?> GetAsync(string teamId, string memberId, CancellationToken cancellationToken = default) =>
        CosmosItems.ReadStoredAsync<Member>(db.Directory, CosmosKeys.MemberId(memberId), CosmosKeys.TeamPk(teamId), cancellationToken);

    public async Task<Stored<Member>?> FindByChannelAccountAsync(ChannelAccount account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        var id = CosmosKeys.AccountLookup(account);
        if (await CosmosItems.ReadAsync<MemberKey>(db.Lookups, id, id, cancellationToken) is not { } lookup)
        {
            return null;
        }

        var member = await GetAsync(lookup.Body.TeamId, lookup.Body.MemberId, cancellationToken);
        // A lookup left behind by an interrupted relink is only trusted if the member still has the account.
        return member?.Value.ChannelAccounts.Any(a => a.Key == account.Key) == true ? member : null;
    }

    public async Task<IReadOnlyList<Member>> ListTeamAsync(string teamId, CancellationToken cancellationToken = default)
    {
        var pk = CosmosKeys.TeamPk(teamId);
        var documents = await CosmosQuery.ListAsync<CosmosDocument<Member>>(
            db.Directory, pk, "SELECT * FROM c WHERE c.pk = @pk AND c.type = 'member' ORDER BY c.sort", cancellationToken);
        return [.. documents.Select(d => d.Body)];
    }
}
