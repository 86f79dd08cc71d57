using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;

namespace SalesBot.Storage.Sqlite;

public sealed class SqliteOrganizationStore(SqliteDatabase database) : SqliteDocuments(database), IOrganizationStore
{
    public Task SaveOrganizationAsync(Organization organization, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(organization);
        return InTransactionAsync(async write =>
        {
            await write.ExecuteAsync(
                "INSERT INTO organizations (id, doc) VALUES ($id, $doc) ON CONFLICT(id) DO UPDATE SET doc = excluded.doc;",
                ("$id", organization.Id), ("$doc", DocumentJson.Serialize(organization)));
            await write.ExecuteAsync("DELETE FROM workspaces WHERE organization_id = $id;", ("$id", organization.Id));
            foreach (var workspace in organization.Workspaces)
            {
                await write.ExecuteAsync(
                    "INSERT INTO workspaces (channel, tenant_id, organization_id) VALUES ($c, $t, $o) ON CONFLICT(channel, tenant_id) DO UPDATE SET organization_id = excluded.organization_id;",
                    ("$c", workspace.Channel), ("$t", workspace.TenantId), ("$o", organization.Id));
            }

            return true;
        }, cancellationToken);
    }

    public Task<Organization?> GetOrganizationAsync(string organizationId, CancellationToken cancellationToken = default) =>
        QuerySingleAsync<Organization>("SELECT doc FROM organizations WHERE id = $id;", cancellationToken, ("$id", organizationId));

    public Task<Organization?> FindOrganizationByWorkspaceAsync(Workspace workspace, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        return QuerySingleAsync<Organization>(
            "SELECT o.doc FROM workspaces w JOIN organizations o ON o.id = w.organization_id WHERE w.channel = $c AND w.tenant_id = $t;",
            cancellationToken, ("$c", workspace.Channel), ("$t", workspace.TenantId));
    }

    public Task SaveTeamAsync(Team team, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(team);
        return ExecuteAsync(
            "INSERT INTO teams (id, organization_id, doc) VALUES ($id, $o, $doc) ON CONFLICT(id) DO UPDATE SET organization_id = excluded.organization_id, doc = excluded.doc;",
            cancellationToken, ("$id", team.Id), ("$o", team.OrganizationId), ("$doc", DocumentJson.Serialize(team)));
    }

    public Task<Team?> GetTeamAsync(string teamId, CancellationToken cancellationToken = default) =>
        QuerySingleAsync<Team>("SELECT doc FROM teams WHERE id = $id;", cancellationToken, ("$id", teamId));

    public Task<IReadOnlyList<Team>> ListTeamsAsync(CancellationToken cancellationToken = default) =>
        QueryAsync<Team>("SELECT doc FROM teams ORDER BY id;", cancellationToken);
}
