using NodaTime;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Metrics;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Metrics;
using SalesBot.Core.Organization;
using SalesBot.Testing;

namespace SalesBot.Conversations.Tests;

/// <summary>
/// Managers set their reps' lead metrics (typed, in the form, or from a proficiency nudge). "Now" is Monday
/// 23 Nov 2026, 09:00 in New York: a check-in reports on Friday 20 Nov, so a change applies from Monday 23 Nov.
/// Ava and Ben report to the team's manager; Cara reports to another manager on the same team.
/// </summary>
public sealed class MetricsFlowTests : IAsyncLifetime
{
    private static readonly LocalDate Friday = TestData.Friday;
    private TestBot _bot = null!;

    public async Task InitializeAsync()
    {
        _bot = await TestBot.StartWithSmallTeamAsync();
        await _bot.WithMembersAsync(
            MemberBuilder.AManager("manager-2").WithName("Max Other"),
            MemberBuilder.ARep("rep-3").WithName("Cara Diaz").ReportingTo("manager-2"));
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private async Task<Member> MemberAsync(string id) => (await _bot.Get<IMemberStore>().GetAsync(TestData.TeamId, id))!.Value;

    [Fact]
    public async Task The_manager_sees_the_teams_plan_by_role_and_tenure_and_their_reps()
    {
        var reply = await _bot.SayAsync("metrics", "manager-1");

        var text = reply.AllText();
        Assert.Contains("Hunter · new (under 6 months)", text, StringComparison.Ordinal);
        Assert.Contains("Calls 30, Meetings booked 3, Proposals sent 1", text, StringComparison.Ordinal);
        Assert.Contains("Referrals asked 2", text, StringComparison.Ordinal);
        Assert.Contains("Ava (Hunter, tenured)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Cara", text, StringComparison.Ordinal);
        Assert.Contains(reply.Replies[0].Actions, a => a.Verb == MetricsFlow.OpenVerb && a.Data![MetricsMessages.MemberKey] == "rep-1");
    }

    [Fact]
    public async Task Setting_a_reps_metrics_applies_from_their_next_report_day()
    {
        var reply = await _bot.SayAsync("metrics @ava calls 40, meetings 2", "manager-1");

        Assert.Contains("Ava's lead metrics from Mon 23 Nov: Calls 40 a day, Meetings booked 2 a day", reply.AllText(), StringComparison.Ordinal);
        var ava = await MemberAsync("rep-1");
        Assert.Equal(new LocalDate(2026, 11, 23), ava.MetricsFrom);
        Assert.Equal([30, 3, 1], ava.MetricsOn(Friday).Select(m => m.DailyTarget));
        Assert.Equal([40, 2], ava.MetricsOn(new LocalDate(2026, 11, 23)).Select(m => m.DailyTarget));

        // Ava's check-in today is still for Friday: she reports on what she was asked to do that day.
        var form = (await _bot.SayAsync("check in", "rep-1")).Replies[0].Form!;
        Assert.Contains(form.Inputs, i => i.Label == "Calls (target 30)");
        Assert.Contains(form.Inputs, i => i.Id == "proposals");
    }

    [Fact]
    public async Task Add_remove_and_target_change_one_thing_and_keep_the_rest()
    {
        Assert.Contains("at most 3", (await _bot.SayAsync("metrics Ava add referrals", "manager-1")).AllText(), StringComparison.Ordinal);

        await _bot.SayAsync("metrics Ava remove proposals", "manager-1");
        await _bot.SayAsync("metrics Ava add referrals 4", "manager-1");
        var reply = await _bot.SayAsync("target ava calls 35", "manager-1");

        Assert.Contains("Calls 35 a day, Meetings booked 3 a day, Referrals asked 4 a day", reply.AllText(), StringComparison.Ordinal);
        Assert.Equal(["calls", "meetings", "referrals"], (await MemberAsync("rep-1")).Metrics.Select(m => m.Key));
        Assert.Contains("doesn't have Proposals sent", (await _bot.SayAsync("target Ava proposals 2", "manager-1")).AllText(), StringComparison.Ordinal);
        Assert.Contains("Nothing to change", (await _bot.SayAsync("target Ava calls 35", "manager-1")).AllText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("metrics Ava bananas 3", "I don't know the metric \"bananas\"")]
    [InlineData("metrics Ava calls 0", "whole number from 1 to 1000")]
    [InlineData("metrics Ava calls 5000", "whole number from 1 to 1000")]
    [InlineData("metrics Ava calls 30, meetings 3, proposals 1, referrals 2", "at most 3 lead metrics")]
    [InlineData("metrics Ava remove calls, meetings, proposals", "no lead metrics left")]
    public async Task Bad_changes_get_a_clear_reply_and_change_nothing(string typed, string expected)
    {
        var before = DocumentJson.Serialize(await MemberAsync("rep-1"));

        var reply = await _bot.SayAsync(typed, "manager-1");

        Assert.Contains(expected, reply.AllText(), StringComparison.Ordinal);
        Assert.Equal(before, DocumentJson.Serialize(await MemberAsync("rep-1")));
    }

    [Fact]
    public async Task Someone_unknown_and_someone_who_reports_to_another_manager_get_the_same_polite_refusal()
    {
        var unknown = (await _bot.SayAsync("metrics Zed calls 40", "manager-1")).AllText();
        var notTheirs = (await _bot.SayAsync("metrics Cara calls 40", "manager-1")).AllText();

        Assert.Equal(unknown.Replace("Zed", "X", StringComparison.Ordinal), notTheirs.Replace("Cara", "X", StringComparison.Ordinal));
        Assert.Equal(30, (await MemberAsync("rep-3")).Metrics[0].DailyTarget);
        Assert.Contains("Cara Diaz's lead metrics", (await _bot.SayAsync("metrics Cara calls 40", "manager-2")).AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rep_sees_their_own_metrics_and_cannot_change_anyones()
    {
        Assert.Contains("Your lead metrics: Calls 30 a day", (await _bot.SayAsync("metrics", "rep-1")).AllText(), StringComparison.Ordinal);

        var reply = await _bot.SayAsync("metrics Ben calls 1", "rep-1");

        Assert.Contains("Your manager sets your lead metrics", reply.AllText(), StringComparison.Ordinal);
        Assert.Equal(30, (await MemberAsync("rep-2")).Metrics[0].DailyTarget);
    }

    [Fact]
    public async Task The_form_sets_targets_and_a_forged_metric_or_rep_in_it_is_refused_with_nothing_stored()
    {
        var form = (await _bot.SayAsync("metrics Ava", "manager-1")).Replies[0].Form!;
        Assert.Equal(MetricsFlow.SubmitVerb, form.Verb);
        Assert.Equal("rep-1", form.Data![MetricsMessages.MemberKey]);
        var before = DocumentJson.Serialize(await MemberAsync("rep-1"));

        var forgedKey = await _bot.SubmitAsync(MetricsFlow.SubmitVerb, new Dictionary<string, string> { ["member"] = "rep-1", ["calls"] = "30", ["golf"] = "9" }, "manager-1");
        var forgedRep = await _bot.SubmitAsync(MetricsFlow.SubmitVerb, new Dictionary<string, string> { ["member"] = "rep-3", ["calls"] = "5" }, "manager-1");
        var byRep = await _bot.SubmitAsync(MetricsFlow.SubmitVerb, new Dictionary<string, string> { ["member"] = "rep-1", ["calls"] = "5" }, "rep-1");
        var tooMany = await _bot.SubmitAsync(MetricsFlow.SubmitVerb,
            new Dictionary<string, string> { ["member"] = "rep-1", ["calls"] = "5", ["meetings"] = "1", ["proposals"] = "1", ["referrals"] = "1" }, "manager-1");

        Assert.Contains("saved nothing", forgedKey.AllText(), StringComparison.Ordinal);
        Assert.Contains("I can't change metrics for \"that person\"", forgedRep.AllText(), StringComparison.Ordinal);
        Assert.Contains("I can't change metrics", byRep.AllText(), StringComparison.Ordinal);
        Assert.Contains("at most 3", tooMany.FieldErrors[""], StringComparison.Ordinal);
        Assert.Equal(before, DocumentJson.Serialize(await MemberAsync("rep-1")));
        Assert.Equal(30, (await MemberAsync("rep-3")).Metrics[0].DailyTarget);

        var saved = await _bot.SubmitAsync(MetricsFlow.SubmitVerb,
            new Dictionary<string, string> { ["member"] = "rep-1", ["calls"] = "25", ["meetings"] = "", ["proposals"] = "2", ["referrals"] = "1" }, "manager-1");

        Assert.NotNull(saved.ReplacesSubmittedForm);
        Assert.Equal(["calls:25", "proposals:2", "referrals:1"], (await MemberAsync("rep-1")).Metrics.Select(m => $"{m.Key}:{m.DailyTarget}"));
    }

    [Fact]
    public async Task A_raised_target_never_changes_a_past_days_status()
    {
        await _bot.SayAsync("calls 32, meetings 3, proposals 1", "rep-1");
        var teamBefore = (await _bot.SayAsync("status", "manager-1")).AllText();
        var repBefore = (await _bot.SayAsync("status Ava", "manager-1")).AllText();

        await _bot.SayAsync("target Ava calls 40", "manager-1");
        // A week later, the raised target is in effect; Friday 20 Nov still shows as met against 30.
        _bot.Clock.AdvanceDays(7);
        var repLater = (await _bot.SayAsync("status Ava", "manager-1")).AllText();
        _bot.Clock.AdvanceDays(-7);

        Assert.Equal(teamBefore, (await _bot.SayAsync("status", "manager-1")).AllText());
        Assert.Equal(repBefore, (await _bot.SayAsync("status Ava", "manager-1")).AllText());
        Assert.Contains("32 / 30 ✅", teamBefore, StringComparison.Ordinal);
        Assert.Contains("32 ✅", repLater, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_member_starts_on_the_metrics_that_fit_a_new_hunter_on_the_teams_plan()
    {
        var plan = new MetricPlan(
        [
            new MetricPlanRow(MemberRole.Hunter, Tenure.New, [MetricCatalog.Calls with { DailyTarget = 20 }, MetricCatalog.Meetings with { DailyTarget = 1 }], MetricCatalog.Proposals),
            new MetricPlanRow(MemberRole.Hunter, Tenure.Tenured, MetricCatalog.DefaultsFor(MemberRole.Hunter), MetricCatalog.Referrals),
        ]);
        await _bot.CommitAsync(c => c.PutTeam(TestData.Team with { MetricPlan = plan }, Expect.Any));

        await _bot.HandleAsync(_bot.Inbound("newbie") with { UserName = "Nia New", Text = "help" });

        var nia = (await _bot.Get<IMemberStore>().FindByChannelAccountAsync(new ChannelAccount(TestData.Channel, TestData.Tenant, "newbie")))!.Value;
        Assert.Equal(["calls:20", "meetings:1"], nia.Metrics.Select(m => $"{m.Key}:{m.DailyTarget}"));
    }

    [Fact]
    public async Task A_manager_changes_a_row_of_the_teams_plan_and_new_members_start_on_it()
    {
        var refused = await _bot.SayAsync("metrics plan hunter new calls 20, meetings 2, proposals 1, referrals 1", "manager-1");
        var byRep = await _bot.SayAsync("metrics plan hunter new calls 1", "rep-1");
        var saved = await _bot.SayAsync("metrics plan hunter new calls 20, meetings 2 next proposals", "manager-1");
        await _bot.HandleAsync(_bot.Inbound("newbie") with { UserName = "Nia New", Text = "help" });

        Assert.True(saved.AllText().Contains("Calls 20, Meetings booked 2", StringComparison.Ordinal), saved.AllText());
        Assert.True(refused.AllText().Contains("give 1 to 3 metrics; 4 were given", StringComparison.Ordinal), refused.AllText());
        Assert.Contains("Your manager sets your lead metrics", byRep.AllText(), StringComparison.Ordinal);
        Assert.Contains("Calls 20, Meetings booked 2", saved.AllText(), StringComparison.Ordinal);
        var team = (await _bot.Get<IOrganizationStore>().GetTeamAsync(TestData.TeamId))!.Value;
        Assert.Equal("proposals", team.MetricPlan!.For(MemberRole.Hunter, Tenure.New)!.Next!.Key);
        Assert.Equal(3, team.MetricPlan.For(MemberRole.Farmer, Tenure.Tenured)!.Metrics.Count);
        var nia = (await _bot.Get<IMemberStore>().FindByChannelAccountAsync(new ChannelAccount(TestData.Channel, TestData.Tenant, "newbie")))!.Value;
        Assert.Equal(["calls:20", "meetings:2"], nia.Metrics.Select(m => $"{m.Key}:{m.DailyTarget}"));
        Assert.Equal(3, (await MemberAsync("rep-1")).Metrics.Count);
    }
}
