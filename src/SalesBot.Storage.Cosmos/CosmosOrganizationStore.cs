using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;

namespace SalesBot.Storage.Cosmos;

public sealed class CosmosOrganizationStore(CosmosDatabase db) : IOrganizationStore
{
    public Task<Stored<Organization>?> GetOrganizationAsync(string organizationId, CancellationToken cancellationToken = default)
    {
        var pk = CosmosKeys.OrganizationPk(organizationId);
        return CosmosItems.ReadStoredAsync<Organization>(db.Directory, pk, pk, cancellationToken);
    }

    public async Task<Organization?> FindOrganizationByWorkspaceAsync(Workspace workspace, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var id = CosmosKeys.WorkspaceLookup(workspace);
        if (await CosmosItems.ReadAsync<string>(db.Lookups, id, id, cancellationToken) is not { } lookup)
        {
            return null;
        }

        var organization = await GetOrganizationAsync(lookup.Body, cancellationToken);
        // A lookup left by an interrupted move is only trusted if the organization still names the workspace.
        return organization?.Value.Workspaces.Contains(workspace) == true ? organization.Value : null;
    }

    public Task<Stored<Team>?> GetTeamAsync(string teamId, CancellationToken cancellationToken = default)
    {
        var pk = CosmosKeys.TeamPk(teamId);
        return CosmosItems.ReadStoredAsync<Team>(db.Directory, CosmosKeys.TeamId(teamId), pk, cancellationToken);
    }

    /// <summary>
    /// One query of the organization's partition, where the writer keeps a copy of each team
    /// (<c>teamref|{team}</c>); a default team written before those copies existed is point-read.
    /// </summary>
    public async Task<IReadOnlyList<Team>> ListTeamsAsync(string organizationId, CancellationToken cancellationToken = default)
    {
        var pk = CosmosKeys.OrganizationPk(organizationId);
        var teams = (await CosmosQuery.ListAsync<CosmosDocument<Team>>(db.Directory, pk, "SELECT * FROM c WHERE c.pk = @pk AND c.type = 'teamref'", cancellationToken))
            .Select(d => d.Body).ToList();
        if (await GetOrganizationAsync(organizationId, cancellationToken) is { } organization
            && teams.All(t => t.Id != organization.Value.DefaultTeamId)
            && await GetTeamAsync(organization.Value.DefaultTeamId, cancellationToken) is { } defaultTeam)
        {
            teams.Add(defaultTeam.Value);
        }

        return [.. teams.OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase).ThenBy(t => t.Id, StringComparer.Ordinal)];
    }
}
