using SalesBot.Core.Organization;

namespace SalesBot.Conversations.Ports;

/// <summary>Organizations and their teams.</summary>
public interface IOrganizationStore
{
    Task SaveOrganizationAsync(Organization organization, CancellationToken cancellationToken = default);

    Task<Organization?> GetOrganizationAsync(string organizationId, CancellationToken cancellationToken = default);

    /// <summary>The organization that owns a chat workspace (Teams tenant, Slack team), if any.</summary>
    Task<Organization?> FindOrganizationByWorkspaceAsync(Workspace workspace, CancellationToken cancellationToken = default);

    Task SaveTeamAsync(Team team, CancellationToken cancellationToken = default);

    Task<Team?> GetTeamAsync(string teamId, CancellationToken cancellationToken = default);

    /// <summary>Every team, for scheduled work such as check-in prompts.</summary>
    Task<IReadOnlyList<Team>> ListTeamsAsync(CancellationToken cancellationToken = default);
}
