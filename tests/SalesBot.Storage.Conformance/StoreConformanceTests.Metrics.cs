using NodaTime;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Metrics;
using SalesBot.Core.Organization;
using SalesBot.Testing;

namespace SalesBot.Storage.Conformance;

/// <summary>Lead metrics that fit the rep: the team's plan, a rep's dated change and a check-in's own targets, on every store.</summary>
public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task A_teams_metric_plan_round_trips_and_a_team_without_one_reads_as_none()
    {
        var plan = new MetricPlan(
        [
            new MetricPlanRow(MemberRole.Hunter, Tenure.New, [MetricCatalog.Calls with { DailyTarget = 20 }, new LeadMetric("demos", "Demos given", "demos", 1)], MetricCatalog.Proposals),
            new MetricPlanRow(MemberRole.Farmer, Tenure.Tenured, MetricCatalog.DefaultsFor(MemberRole.Farmer)),
        ]);
        await Stores.CommitAsync(c => c
            .PutTeam(TestData.Team with { MetricPlan = plan }, Expect.Absent)
            .PutTeam(TestData.Team with { Id = "team-plain" }, Expect.Absent));

        var loaded = (await Stores.Organizations.GetTeamAsync(TestData.TeamId))!.Value.MetricPlan;

        Assert.Equal(DocumentJson.Serialize(plan), DocumentJson.Serialize(loaded));
        Assert.Equal("demos", loaded!.For(MemberRole.Hunter, Tenure.New)!.Metrics[1].Key);
        Assert.Null((await Stores.Organizations.GetTeamAsync("team-plain"))!.Value.MetricPlan);
    }

    [Fact]
    public async Task A_reps_dated_metric_change_round_trips_with_the_metrics_before_it()
    {
        var monday = new LocalDate(2026, 11, 23);
        var rep = MemberBuilder.ARep().Build().WithMetricsFrom([MetricCatalog.Calls with { DailyTarget = 40 }], monday, monday.PlusDays(-3));

        await Stores.CommitAsync(c => c.PutMember(rep, Expect.Absent));
        var loaded = (await Stores.Members.GetAsync(TestData.TeamId, rep.Id))!.Value;

        Assert.Equal(monday, loaded.MetricsFrom);
        Assert.Equal(["calls:30", "meetings:3", "proposals:1"], loaded.MetricsOn(monday.PlusDays(-3)).Select(m => $"{m.Key}:{m.DailyTarget}"));
        Assert.Equal(["calls:40"], loaded.MetricsOn(monday).Select(m => $"{m.Key}:{m.DailyTarget}"));
    }

    [Fact]
    public async Task A_check_in_keeps_the_metrics_and_targets_it_was_made_against()
    {
        var checkIn = CheckInBuilder.ACheckIn().Build() with { Metrics = [MetricCatalog.Calls with { DailyTarget = 25 }, MetricCatalog.Meetings] };

        await Stores.CommitAsync(c => c.PutCheckIn(checkIn, Expect.Absent));
        var loaded = (await Stores.CheckIns.GetAsync(checkIn.MemberId, checkIn.ReportDate))!.Value;

        Assert.Equal(checkIn.Metrics, loaded.Metrics);
        Assert.Equal(25, loaded.AsOnTheDay(MetricCatalog.Calls with { DailyTarget = 40 }).DailyTarget);
    }
}
