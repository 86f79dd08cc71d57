namespace SalesBot.Core.Organization;

/// <summary>
/// A customer of SalesBot: one company with one or more sales teams, reachable in one or more chat
/// workspaces (a Teams tenant, a Slack workspace).
/// </summary>
public sealed record Organization
{
    public required string Id { get; init; }
    public required string Name { get; init; }

    /// <summary>The team new people join when they first talk to the bot.</summary>
    public required string DefaultTeamId { get; init; }

    public IReadOnlyList<Workspace> Workspaces { get; init; } = [];

    /// <summary>The member who brought SalesBot to the organization (installed it): its first manager.</summary>
    public string? FoundedBy { get; init; }
}

/// <summary>A chat workspace: Teams tenant id or Slack team id, per channel.</summary>
public sealed record Workspace(string Channel, string TenantId);
