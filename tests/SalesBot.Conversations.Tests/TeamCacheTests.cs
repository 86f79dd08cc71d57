using NodaTime;
using SalesBot.Conversations.Caching;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;
using SalesBot.Testing;

namespace SalesBot.Conversations.Tests;

/// <summary>
/// Turns read their team from a small cache (issue 12: no per-turn read a small cache would answer): this
/// instance's own changes show at once, another instance's within five seconds.
/// </summary>
public class TeamCacheTests
{
    [Fact]
    public async Task Turns_in_a_row_read_the_team_document_once_per_five_seconds()
    {
        var counting = new CountingTeams();
        await using var bot = await TestBot.StartAsync(configure: s => s.Decorate<IOrganizationStore>(inner => counting.Over(inner)));
        await bot.WithMembersAsync(MemberBuilder.ARep());

        await bot.SayAsync("help");
        await bot.SayAsync("pipeline");
        await bot.SayAsync("help");
        Assert.Equal(1, counting.TeamReads);

        bot.Clock.Advance(TeamCache.KeepFor);
        await bot.SayAsync("help");
        Assert.Equal(2, counting.TeamReads);
    }

    [Fact]
    public async Task A_managers_change_to_the_team_shows_in_the_very_next_turn()
    {
        await using var bot = await TestBot.StartWithSmallTeamAsync();
        await bot.SayAsync("pipeline");

        await bot.SayAsync("pipeline Lead, Qualified, Demo, Proposal, Closed won", "manager-1");
        var shown = await bot.SayAsync("pipeline");

        Assert.Contains("Demo", shown.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_written_elsewhere_shows_once_the_kept_copy_is_five_seconds_old()
    {
        await using var bot = await TestBot.StartWithSmallTeamAsync();
        await bot.SayAsync("pipeline");
        var stored = await bot.Get<IOrganizationStore>().GetTeamAsync(TestData.TeamId);
        var changed = stored!.Value with { Pipeline = Core.Pipeline.PipelineStages.Of(["Lead", "Demo", "Closed won"]) };
        // Another instance's commit: no turn here made it, so the kept copy stands until it is five seconds old.
        await bot.CommitAsync(c => c.PutTeam(changed, stored.AsExpected));

        Assert.DoesNotContain("Demo", (await bot.SayAsync("pipeline")).AllText(), StringComparison.Ordinal);
        bot.Clock.Advance(TeamCache.KeepFor);
        Assert.Contains("Demo", (await bot.SayAsync("pipeline")).AllText(), StringComparison.Ordinal);
    }

    private sealed class CountingTeams
    {
        public int TeamReads;

        public IOrganizationStore Over(IOrganizationStore inner) => new Store(inner, this);

        private sealed class Store(IOrganizationStore inner, CountingTeams counts) : IOrganizationStore
        {
            public Task<Stored<Organization>?> GetOrganizationAsync(string organizationId, CancellationToken cancellationToken = default) =>
                inner.GetOrganizationAsync(organizationId, cancellationToken);

            public Task<Organization?> FindOrganizationByWorkspaceAsync(Workspace workspace, CancellationToken cancellationToken = default) =>
                inner.FindOrganizationByWorkspaceAsync(workspace, cancellationToken);

            public Task<Stored<Team>?> GetTeamAsync(string teamId, CancellationToken cancellationToken = default)
            {
                Interlocked.Increment(ref counts.TeamReads);
                return inner.GetTeamAsync(teamId, cancellationToken);
            }

            public Task<IReadOnlyList<Team>> ListTeamsAsync(string organizationId, CancellationToken cancellationToken = default) =>
                inner.ListTeamsAsync(organizationId, cancellationToken);
        }
    }
}
