using System.Security.Cryptography;
using System.Text;
using NodaTime;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Metrics;
using SalesBot.Core.Organization;

namespace SalesBot.Conversations;

/// <summary>
/// Finds who is speaking, enrolling people the first time they talk to the bot: they join the
/// default team of their workspace's organization as a hunter with the default metrics. The first
/// person in a new workspace is the one who installed the bot, so they become its manager.
/// </summary>
public sealed class MemberDirectory(IOrganizationStore organizations, IMemberStore members)
{
    public async Task<(Member Member, Team Team)> ResolveAsync(InboundEvent inbound, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        var account = new ChannelAccount(inbound.Channel, inbound.TenantId, inbound.UserId);
        var member = await members.FindByChannelAccountAsync(account, cancellationToken);
        if (member is not null)
        {
            member = await RefreshTimeZoneAsync(member, inbound.TimeZone, cancellationToken);
            var team = await organizations.GetTeamAsync(member.TeamId, cancellationToken)
                       ?? throw new InvalidOperationException($"Member {member.Id} belongs to missing team {member.TeamId}.");
            return (member, team);
        }

        return await EnrollAsync(inbound, account, cancellationToken);
    }

    private async Task<(Member, Team)> EnrollAsync(InboundEvent inbound, ChannelAccount account, CancellationToken cancellationToken)
    {
        var zone = ValidZone(inbound.TimeZone);
        var workspace = new Workspace(inbound.Channel, inbound.TenantId);
        var organization = await organizations.FindOrganizationByWorkspaceAsync(workspace, cancellationToken);
        Team? team;
        var role = MemberRole.Hunter;
        if (organization is null)
        {
            var orgId = "org-" + StableId(workspace.Channel, workspace.TenantId);
            team = new Team(orgId + "-team", orgId, "Sales team", zone ?? "UTC");
            organization = new Organization { Id = orgId, Name = "Sales", DefaultTeamId = team.Id, Workspaces = [workspace] };
            await organizations.SaveTeamAsync(team, cancellationToken);
            await organizations.SaveOrganizationAsync(organization, cancellationToken);
            role = MemberRole.Manager;
        }
        else
        {
            team = await organizations.GetTeamAsync(organization.DefaultTeamId, cancellationToken)
                   ?? throw new InvalidOperationException($"Organization {organization.Id} has no team {organization.DefaultTeamId}.");
        }

        var today = inbound.Timestamp.InZone(DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone ?? team.DefaultTimeZone) ?? DateTimeZone.Utc).Date;
        var member = new Member
        {
            Id = "m-" + StableId(account.Key),
            TeamId = team.Id,
            DisplayName = string.IsNullOrWhiteSpace(inbound.UserName) ? "there" : inbound.UserName.Trim(),
            Role = role,
            StartDate = today,
            TimeZoneId = zone ?? team.DefaultTimeZone,
            Metrics = MetricCatalog.DefaultsFor(MemberRole.Hunter),
            ChannelAccounts = [account],
        };
        await members.SaveAsync(member, cancellationToken);
        return (member, team);
    }

    private async Task<Member> RefreshTimeZoneAsync(Member member, string? timeZone, CancellationToken cancellationToken)
    {
        if (ValidZone(timeZone) is not { } zone || zone == member.TimeZoneId)
        {
            return member;
        }

        var updated = member with { TimeZoneId = zone };
        await members.SaveAsync(updated, cancellationToken);
        return updated;
    }

    private static string? ValidZone(string? id) =>
        id is not null && DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) is not null ? id : null;

    /// <summary>Deterministic ids, so two instances enrolling the same person at once agree.</summary>
    private static string StableId(params string[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|', parts))))[..16];
}
