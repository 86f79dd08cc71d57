using SalesBot.Core.Organization;

namespace SalesBot.Conversations.Ports;

/// <summary>Organizations and their teams. Written through <see cref="ChangeSet.PutOrganization"/> and <see cref="ChangeSet.PutTeam"/>.</summary>
public interface IOrganizationStore
{
    Task<Stored<Organization>?> GetOrganizationAsync(string organizationId, CancellationToken cancellationToken = default);

    /// <summary>The organization that owns a chat workspace (Teams tenant, Slack team): a point read of the workspace's lookup.</summary>
    Task<Organization?> FindOrganizationByWorkspaceAsync(Workspace workspace, CancellationToken cancellationToken = default);

    Task<Stored<Team>?> GetTeamAsync(string teamId, CancellationToken cancellationToken = default);

    /// <summary>The organization's teams, ordered by name: a bounded read of the organization's own partition (a leader's teams).</summary>
    Task<IReadOnlyList<Team>> ListTeamsAsync(string organizationId, CancellationToken cancellationToken = default);
}
