using NodaTime;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;
using SalesBot.Testing;

namespace SalesBot.Conversations.Tests;

/// <summary>The lag outcome beside the lead metrics: a manager sets a monthly quota, the rep sees progress where they already look.</summary>
public sealed class QuotaProgressTests : IAsyncLifetime
{
    private TestBot _bot = null!;

    public async Task InitializeAsync()
    {
        _bot = await (await TestBot.StartAsync()).WithMembersAsync(
            MemberBuilder.ARep("rep-1").WithName("Ava Patel").ReportingTo("manager-1"),
            MemberBuilder.ARep("rep-2").WithName("Ben Okafor").ReportingTo("manager-1"),
            MemberBuilder.ARep("rep-3").WithName("Cara Other").ReportingTo("manager-2"),
            MemberBuilder.AManager(),
            MemberBuilder.AManager("manager-2").WithName("Other Manager"));
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private async Task<Member> MemberAsync(string id) =>
        (await _bot.InScopeAsync<IMemberStore, Stored<Member>?>(m => m.GetAsync(TestData.TeamId, id)))!.Value;

    [Fact]
    public async Task A_manager_sets_a_quota_by_a_loose_name_and_the_rep_sees_it_in_every_place_they_look()
    {
        var set = await _bot.SayAsync("quota @ava 5 deals and $40,000", "manager-1");
        await _bot.SayAsync("win closed Contoso $12,000");

        var checkIn = await _bot.SayAsync("calls 32, meetings 4, proposals 1");
        var status = await _bot.SayAsync("status me");
        var month = await _bot.SayAsync("status month");
        var managerView = await _bot.SayAsync("status ava", "manager-1");
        var teamMonth = await _bot.SayAsync("status month", "manager-1");
        var teamWeek = await _bot.SayAsync("status week", "manager-1");
        var reflection = await _bot.SayAsync("reflect");
        var quota = await _bot.SayAsync("quota");

        Assert.Contains("Ava Patel's monthly quota is now 5 deals and $40,000", set.AllText(), StringComparison.Ordinal);
        const string Progress = "1 of 5 deals (20%) · $12,000 of $40,000 (30%)";
        Assert.Contains($"November 2026 quota: {Progress}", checkIn.AllText(), StringComparison.Ordinal);
        Assert.Contains($"November 2026 quota: {Progress}", status.AllText(), StringComparison.Ordinal);
        Assert.Contains($"November 2026 quota: {Progress}", month.AllText(), StringComparison.Ordinal);
        Assert.Contains($"November 2026 quota: {Progress}", managerView.AllText(), StringComparison.Ordinal);
        Assert.Contains($"Quota: {Progress}", reflection.AllText(), StringComparison.Ordinal);
        Assert.Contains(Progress, quota.AllText(), StringComparison.Ordinal);
        // The team views list the month's progress of each rep with a quota, and only theirs.
        Assert.All([teamMonth.AllText(), teamWeek.AllText()], team =>
        {
            Assert.Contains("🎯 Quota, November 2026", team, StringComparison.Ordinal);
            Assert.Contains($"Ava Patel: {Progress}", team, StringComparison.Ordinal);
            Assert.Equal(1, team.Split(" of 5 deals").Length - 1);
        });
    }

    [Fact]
    public async Task Without_a_quota_the_rep_hears_nothing_about_it_and_the_manager_gets_a_hint()
    {
        await _bot.SayAsync("win closed Contoso $12,000");

        var texts = new[]
        {
            (await _bot.SayAsync("calls 32, meetings 4, proposals 1")).AllText(),
            (await _bot.SayAsync("status me")).AllText(),
            (await _bot.SayAsync("reflect")).AllText(),
        };
        var managerView = (await _bot.SayAsync("status ava", "manager-1")).AllText();

        Assert.All(texts, t => Assert.DoesNotContain("quota", t, StringComparison.OrdinalIgnoreCase));
        Assert.All(texts, t => Assert.DoesNotContain("0 of 0", t, StringComparison.Ordinal));
        Assert.Contains("No monthly quota set: say \"quota Ava 5 deals\"", managerView, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deals_count_in_the_reps_own_month_so_a_late_deal_in_new_york_is_novembers()
    {
        await _bot.SayAsync("quota ava 2 deals", "manager-1");
        _bot.Clock.Reset(Instant.FromUtc(2026, 12, 1, 3, 0)); // 30 Nov 22:00 in New York
        await _bot.SayAsync("win closed Contoso");
        _bot.Clock.Reset(Instant.FromUtc(2026, 12, 1, 15, 0));

        var status = (await _bot.SayAsync("status me")).AllText();

        Assert.Contains("December 2026 quota: 0 of 2 deals (0%)", status, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("manager-1", "quota nobody 5 deals")]
    [InlineData("manager-1", "quota cara 5 deals")]
    [InlineData("manager-2", "quota ava 5 deals")]
    public async Task Anyone_outside_the_managers_chain_gets_the_same_refusal_as_someone_unknown(string who, string text)
    {
        var reply = Assert.Single((await _bot.SayAsync(text, who)).Replies);

        Assert.StartsWith("I can't show numbers for", reply.Text, StringComparison.Ordinal);
        Assert.Null((await MemberAsync("rep-1")).Quota);
        Assert.Null((await MemberAsync("rep-3")).Quota);
    }

    [Theory]
    [InlineData("rep-2", "quota ava 5 deals", "Your manager sets quotas")]
    [InlineData("rep-1", "quota ava 5 deals", "Your manager sets quotas")]
    [InlineData("manager-1", "quota ava 0 deals", "more than zero")]
    [InlineData("manager-1", "quota ava -3 deals", "can't be negative")]
    [InlineData("manager-1", "quota ava $5,000,000,000", "check the number")]
    public async Task A_quota_nobody_may_set_or_that_makes_no_sense_changes_nothing(string who, string text, string said)
    {
        var result = await _bot.SayAsync(text, who);

        Assert.Contains(said, result.AllText(), StringComparison.Ordinal);
        Assert.Null((await MemberAsync("rep-1")).Quota);
    }

    [Fact]
    public async Task A_manager_lists_quotas_and_removes_one()
    {
        await _bot.SayAsync("quota ben 3 deals", "manager-1");

        var list = (await _bot.SayAsync("quota", "manager-1")).AllText();
        var removed = await _bot.SayAsync("quota ben off", "manager-1");

        Assert.Contains("Ben Okafor", list, StringComparison.Ordinal);
        Assert.Contains("3 deals", list, StringComparison.Ordinal);
        Assert.DoesNotContain("Cara", list, StringComparison.Ordinal);
        Assert.Contains("Removed Ben Okafor's monthly quota", removed.AllText(), StringComparison.Ordinal);
        Assert.Null((await MemberAsync("rep-2")).Quota);
    }
}
