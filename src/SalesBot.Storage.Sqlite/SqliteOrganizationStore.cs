using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;

namespace SalesBot.Storage.Sqlite;

public sealed class SqliteOrganizationStore(SqliteDatabase database) : SqliteDocuments(database), IOrganizationStore
{
    public Task<Stored<Organization>?> GetOrganizationAsync(string organizationId, CancellationToken cancellationToken = default) =>
        QueryStoredAsync<Organization>("SELECT doc, version FROM organizations WHERE id = $id;", cancellationToken, ("$id", organizationId));

    public Task<Organization?> FindOrganizationByWorkspaceAsync(Workspace workspace, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        return QuerySingleAsync<Organization>(
            "SELECT o.doc FROM workspaces w JOIN organizations o ON o.id = w.organization_id WHERE w.channel = $c AND w.tenant_id = $t;",
            cancellationToken, ("$c", workspace.Channel), ("$t", workspace.TenantId));
    }

    public Task<Stored<Team>?> GetTeamAsync(string teamId, CancellationToken cancellationToken = default) =>
        QueryStoredAsync<Team>("SELECT doc, version FROM teams WHERE id = $id;", cancellationToken, ("$id", teamId));

    public async Task<IReadOnlyList<Team>> ListTeamsAsync(string organizationId, CancellationToken cancellationToken = default) =>
        [.. (await QueryAsync<Team>("SELECT doc FROM teams WHERE organization_id = $o;", cancellationToken, ("$o", organizationId)))
            .OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase).ThenBy(t => t.Id, StringComparer.Ordinal)];
}
