using System.Security.Cryptography;
using System.Text;
using NodaTime;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Metrics;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;

namespace SalesBot.Conversations;

/// <summary>
/// Finds who is speaking, enrolling people the first time they talk to the bot: they join the
/// default team of their workspace's organization as a hunter with the default metrics. The first
/// person in a new workspace is the one who installed the bot, so they become its manager.
/// Enrolment is staged in the turn's <see cref="ChangeSet"/> and committed with the turn.
/// </summary>
public sealed class MemberDirectory(IOrganizationStore organizations, IMemberStore members, MetricPlans plans, Caching.TeamCache teams)
{
    public async Task<(Member Member, Team Team)> ResolveAsync(InboundEvent inbound, ChangeSet changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        ArgumentNullException.ThrowIfNull(changes);
        var account = new ChannelAccount(inbound.Channel, inbound.TenantId, inbound.UserId);
        var found = await members.FindByChannelAccountAsync(account, cancellationToken);
        if (found is not null)
        {
            var member = RefreshTimeZone(found, inbound.TimeZone, changes);
            var team = await teams.GetAsync(member.TeamId, organizations, cancellationToken)
                       ?? throw new InvalidOperationException($"Member {member.Id} belongs to missing team {member.TeamId}.");
            return (member, team);
        }

        return await EnrollAsync(inbound, account, changes, cancellationToken);
    }

    private async Task<(Member, Team)> EnrollAsync(InboundEvent inbound, ChannelAccount account, ChangeSet changes, CancellationToken cancellationToken)
    {
        var zone = ValidZone(inbound.TimeZone);
        var workspace = new Workspace(inbound.Channel, inbound.TenantId);
        var organization = await organizations.FindOrganizationByWorkspaceAsync(workspace, cancellationToken)
                           ?? await RepairOrganizationAsync(workspace, changes, cancellationToken);
        var memberId = "m-" + StableId(account.Key);
        Team team;
        if (organization is null)
        {
            var orgId = OrganizationIdFor(workspace);
            // The team may exist without its organization: an enrolment whose commit stopped between the two.
            var storedTeam = await organizations.GetTeamAsync(orgId + "-team", cancellationToken);
            team = storedTeam?.Value ?? new Team(orgId + "-team", orgId, "Sales team", zone ?? "UTC");
            organization = new Organization { Id = orgId, Name = "Sales", DefaultTeamId = team.Id, Workspaces = [workspace], FoundedBy = memberId };
            if (storedTeam is null)
            {
                changes.PutTeam(team, Expect.Absent);
            }

            // Absent: two instances enrolling the workspace's first person at once conflict, and the
            // loser's retry finds what the winner wrote.
            changes.PutOrganization(organization, Expect.Absent);
        }
        else
        {
            team = (await organizations.GetTeamAsync(organization.DefaultTeamId, cancellationToken))?.Value
                   ?? throw new InvalidOperationException($"Organization {organization.Id} has no team {organization.DefaultTeamId}.");
        }

        if (await members.GetAsync(team.Id, memberId, cancellationToken) is { } halfWritten)
        {
            // The member document exists but its account lookup does not (an interrupted commit on a
            // store without transactions): write it again to complete it.
            changes.PutMember(halfWritten.Value, halfWritten.AsExpected, previous: null);
            return (halfWritten.Value, team);
        }

        // Whoever founded the organization (the first person in a new workspace installed the bot) manages it.
        var role = organization.FoundedBy == memberId ? MemberRole.Manager : MemberRole.Hunter;
        var today = inbound.Timestamp.InZone(DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone ?? team.DefaultTimeZone) ?? DateTimeZone.Utc).Date;
        var member = new Member
        {
            Id = memberId,
            TeamId = team.Id,
            DisplayName = string.IsNullOrWhiteSpace(inbound.UserName) ? "there" : inbound.UserName.Trim(),
            Role = role,
            StartDate = today,
            TimeZoneId = zone ?? team.DefaultTimeZone,
            ChannelAccounts = [account],
        };
        // The metrics that fit a new hunter on this team's plan (someone who just joined is new in the role);
        // the founding manager gets them too, as before, so they can try a check-in themselves.
        member = member with { Metrics = plans.For(team).DefaultsFor(member with { Role = MemberRole.Hunter }, today) };
        changes.PutMember(member, Expect.Absent);
        return (member, team);
    }

    /// <summary>An organization whose document exists without its workspace lookup is completed, like a half-written member.</summary>
    private async Task<Organization?> RepairOrganizationAsync(Workspace workspace, ChangeSet changes, CancellationToken cancellationToken)
    {
        if (await organizations.GetOrganizationAsync(OrganizationIdFor(workspace), cancellationToken) is not { } stored)
        {
            return null;
        }

        changes.PutOrganization(stored.Value, stored.AsExpected);
        return stored.Value;
    }

    private static Member RefreshTimeZone(Stored<Member> stored, string? timeZone, ChangeSet changes)
    {
        var member = stored.Value;
        if (ValidZone(timeZone) is not { } zone || zone == member.TimeZoneId)
        {
            return member;
        }

        var updated = member with { TimeZoneId = zone };
        changes.PutMember(updated, stored.AsExpected, previous: member);
        return updated;
    }

    private static string? ValidZone(string? id) =>
        id is not null && DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) is not null ? id : null;

    private static string OrganizationIdFor(Workspace workspace) => "org-" + StableId(workspace.Channel, workspace.TenantId);

    /// <summary>Deterministic ids, so two instances enrolling the same person at once agree.</summary>
    private static string StableId(params string[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|', parts))))[..16];
}
