using NodaTime;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Metrics;
using SalesBot.Core.Organization;
using SalesBot.Core.Summaries;
using SalesBot.Testing;

namespace SalesBot.Core.Tests;

public class MetricPlanTests
{
    private static readonly LocalDate Today = new(2026, 11, 23);

    private static readonly MetricPlan NewHirePlan = MetricPlan.Default with
    {
        Rows =
        [
            new MetricPlanRow(MemberRole.Hunter, Tenure.New, [MetricCatalog.Calls with { DailyTarget = 20 }, MetricCatalog.Meetings with { DailyTarget = 1 }], MetricCatalog.Proposals),
            .. MetricPlan.Default.Rows.Where(r => !(r.Role == MemberRole.Hunter && r.Tenure == Tenure.New)),
        ],
    };

    [Fact]
    public void The_default_plan_is_the_catalogue_so_existing_teams_keep_their_metrics()
    {
        var hunter = MemberBuilder.ARep().Build();
        var farmer = MemberBuilder.ARep().WithRole(MemberRole.Farmer).StartedOn(Today.PlusMonths(-1)).Build();

        Assert.Equal(MetricCatalog.DefaultsFor(MemberRole.Hunter), MetricPlan.Default.DefaultsFor(hunter, Today));
        Assert.Equal(MetricCatalog.DefaultsFor(MemberRole.Farmer), MetricPlan.Default.DefaultsFor(farmer, Today));
        Assert.Empty(MetricPlan.Default.DefaultsFor(MemberBuilder.AManager().Build(), Today));
        Assert.Empty(MetricPlan.Default.Problems());
    }

    [Theory]
    [InlineData(0, Tenure.New)]
    [InlineData(5, Tenure.New)]
    [InlineData(6, Tenure.Tenured)]
    [InlineData(30, Tenure.Tenured)]
    public void Tenure_is_new_under_six_months(int months, Tenure expected) =>
        Assert.Equal(expected, TenureRule.Of(MemberBuilder.ARep().StartedOn(Today.PlusMonths(-months)).Build(), Today));

    [Fact]
    public void A_new_hire_starts_on_the_new_row_and_a_tenured_rep_on_theirs()
    {
        var newHire = MemberBuilder.ARep().StartedOn(Today.PlusDays(-10)).Build();
        var tenured = MemberBuilder.ARep().StartedOn(Today.PlusYears(-2)).Build();

        Assert.Equal([20, 1], NewHirePlan.DefaultsFor(newHire, Today).Select(m => m.DailyTarget));
        Assert.Equal(["calls", "meetings", "proposals"], NewHirePlan.DefaultsFor(tenured, Today).Select(m => m.Key));
    }

    [Fact]
    public void The_next_metric_is_the_rows_suggestion_unless_the_rep_carries_it_already()
    {
        var newHire = MemberBuilder.ARep().StartedOn(Today.PlusDays(-10)).WithMetrics(MetricCatalog.Calls, MetricCatalog.Meetings).Build();

        Assert.Equal("proposals", NewHirePlan.NextFor(newHire, Today)!.Key);
        // Proposals carried already: the first metric of the role's rows the rep does not carry.
        Assert.Equal("meetings", NewHirePlan.NextFor(newHire.WithMetrics([MetricCatalog.Calls, MetricCatalog.Proposals]), Today)!.Key);
    }

    [Theory]
    [InlineData("calls", "calls")]
    [InlineData("Calls", "calls")]
    [InlineData("meetings booked", "meetings")]
    [InlineData("referral", "referrals")]
    [InlineData("asks", "referrals")]
    [InlineData("bananas", null)]
    [InlineData("", null)]
    public void Metrics_are_found_by_key_name_or_unit(string typed, string? key) => Assert.Equal(key, MetricPlan.Default.Find(typed)?.Key);

    [Fact]
    public void A_plan_with_four_metrics_a_bad_key_and_a_target_out_of_range_says_what_to_fix()
    {
        var plan = new MetricPlan(
        [
            new MetricPlanRow(MemberRole.Hunter, Tenure.New, [MetricCatalog.Calls, MetricCatalog.Meetings, MetricCatalog.Proposals, MetricCatalog.Referrals]),
            new MetricPlanRow(MemberRole.Farmer, Tenure.New, [new LeadMetric("Big Deals!", "Deals", "deals", 0)]),
            new MetricPlanRow(MemberRole.Manager, Tenure.New, [MetricCatalog.Calls]),
        ]);

        var problems = plan.Problems();

        Assert.Contains(problems, p => p.Contains("Hunter New: give 1 to 3 metrics; 4 were given", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("lowercase letters", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("daily target 0", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("only hunters and farmers", StringComparison.Ordinal));
    }

    [Fact]
    public void A_change_applies_from_the_next_report_day_and_the_day_being_reported_keeps_its_metrics()
    {
        var monday = new LocalDate(2026, 11, 23);
        var rep = MemberBuilder.ARep().Build();
        var raised = rep.WithMetricsFrom([MetricCatalog.Calls with { DailyTarget = 40 }], from: monday.PlusDays(1), currentReportDay: monday);

        Assert.Equal(30, raised.MetricsOn(monday).Single(m => m.Key == "calls").DailyTarget);
        Assert.Equal(3, raised.MetricsOn(monday).Count);
        Assert.Equal(40, raised.MetricsOn(monday.PlusDays(1)).Single().DailyTarget);

        // A second change before the first took effect replaces it and keeps what the current day had.
        var again = raised.WithMetricsFrom([MetricCatalog.Calls with { DailyTarget = 45 }], monday.PlusDays(1), monday);
        Assert.Equal(3, again.MetricsOn(monday).Count);
        Assert.Equal(45, again.MetricsOn(monday.PlusDays(1)).Single().DailyTarget);
    }

    [Fact]
    public void A_rep_with_no_metrics_gets_them_at_once()
    {
        var rep = MemberBuilder.ARep().WithMetrics().Build();

        var set = rep.WithMetricsFrom([MetricCatalog.Calls], new LocalDate(2026, 11, 24), new LocalDate(2026, 11, 23));

        Assert.Single(set.MetricsOn(new LocalDate(2026, 11, 23)));
        Assert.Null(set.MetricsFrom);
    }

    [Fact]
    public void More_than_three_metrics_are_refused()
    {
        var rep = MemberBuilder.ARep().Build();

        Assert.Throws<DomainRuleException>(() => rep.WithMetricsFrom(MetricCatalog.All, new LocalDate(2026, 11, 24), new LocalDate(2026, 11, 23)));
    }

    [Fact]
    public void A_past_day_keeps_its_status_after_the_target_is_raised()
    {
        var day = new LocalDate(2026, 11, 20);
        var rep = MemberBuilder.ARep().Build();
        var checkIn = CheckInRules.Validate(rep.Id, day, rep.Metrics,
            new CheckInDraft(new Dictionary<string, string?> { ["calls"] = "32", ["meetings"] = "3", ["proposals"] = "1" }, [], null), Instant.FromUtc(2026, 11, 23, 14, 0)).CheckIn!;
        var raised = rep.WithMetricsFrom([.. rep.Metrics.Select(m => m with { DailyTarget = m.DailyTarget + 10 })], day.PlusDays(3), day.PlusDays(3));

        var before = TeamStatus.For(day, [rep], [checkIn], _ => 1).Reps.Single();
        var after = TeamStatus.For(day, [raised], [checkIn], _ => 1).Reps.Single();

        Assert.Equal(3, before.TargetsMet);
        Assert.Equal(3, after.TargetsMet);
        Assert.Equal(30, after.Results.Single(r => r.Metric.Key == "calls").Metric.DailyTarget);
    }
}
