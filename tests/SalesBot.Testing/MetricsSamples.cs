using NodaTime;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Metrics;
using SalesBot.Core.Metrics;
using SalesBot.Core.Organization;

namespace SalesBot.Testing;

/// <summary>The metrics messages as managers see them, for golden files: the plan, a rep's form, a proficiency nudge.</summary>
public static class MetricsSamples
{
    private static readonly LocalDate Day = new(2026, 11, 20);

    private static readonly Team Team = TestData.Team with { Name = "West Sales" };

    private static readonly MetricPlan Plan = new(
    [
        new MetricPlanRow(MemberRole.Hunter, Tenure.New, [MetricCatalog.Calls with { DailyTarget = 20 }, MetricCatalog.Meetings with { DailyTarget = 2 }], MetricCatalog.Proposals),
        .. MetricPlan.Default.Rows.Where(r => !(r.Role == MemberRole.Hunter && r.Tenure == Tenure.New)),
    ]);

    private static readonly Member Ava = MemberBuilder.ARep("m-ava").WithName("Ava <b>Patel</b>").StartedOn(Day.PlusYears(-2)).Build();

    private static readonly Member Fay = MemberBuilder.ARep("m-fay").WithName("Fay Nguyen").StartedOn(Day.PlusDays(-21))
        .WithMetrics(MetricCatalog.Calls with { DailyTarget = 20 }, MetricCatalog.Meetings with { DailyTarget = 2 }).Build();

    public static OutboundMessage TeamPlan() => MetricsMessages.Plan(Team, Plan, [Ava, Fay], Day);

    public static OutboundMessage RepForm() => MetricsMessages.Form(Fay, Plan, Day.PlusDays(3));

    public static OutboundMessage Nudge() =>
        MetricsMessages.Nudge(Ava, new ProficiencyResult(MetricCatalog.Calls, 17, 20, Day.PlusDays(-25), Day, Proficient: true), MetricCatalog.Referrals, MetricCatalog.Calls);
}
