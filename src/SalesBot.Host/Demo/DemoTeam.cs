using NodaTime;
using SalesBot.Core.Metrics;
using SalesBot.Core.Organization;
using SalesBot.Core.Pipeline;

namespace SalesBot.Host.Demo;

/// <summary>
/// The demo organization: one manager and five reps in four time zones. Ids are stable (listed in
/// the README) and double as playground user ids, so a Direct Line <c>from.id</c> picks the speaker.
/// </summary>
public static class DemoTeam
{
    public const string OrganizationId = "demo";
    public const string TeamId = "demo-team";
    public const string ManagerId = "demo-morgan";

    public static Organization Organization { get; } = new()
    {
        Id = OrganizationId,
        Name = "Northwind Traders",
        DefaultTeamId = TeamId,
        Workspaces = [new Workspace(ChannelNames.Playground, Playground.DirectLineEndpoints.LocalTenant)],
    };

    public const string NewHireId = "demo-fay";

    /// <summary>The rep whose seeded calls make them proficient: their next check-in nudges Morgan.</summary>
    public const string ProficientRepId = "demo-diego";

    /// <summary>
    /// The team's own plan: new hunters start on fewer calls and a meeting or two, and add proposals once
    /// proficient; tenured reps and farmers keep the catalogue's metrics.
    /// </summary>
    public static MetricPlan Plan { get; } = new(
    [
        new MetricPlanRow(MemberRole.Hunter, Tenure.New, [MetricCatalog.Calls with { DailyTarget = 20 }, MetricCatalog.Meetings with { DailyTarget = 2 }], MetricCatalog.Proposals),
        .. MetricPlan.Default.Rows.Where(r => !(r.Role == MemberRole.Hunter && r.Tenure == Tenure.New)),
    ]);

    /// <summary>The team, with its own pipeline (a "Demo" stage instead of "Discovery") so a newcomer sees stages come from the team.</summary>
    public static Team Team { get; } = new(TeamId, OrganizationId, "Northwind Sales", "America/New_York")
    {
        Pipeline = PipelineStages.Of(["Lead", "Qualified", "Demo", "Proposal", "Negotiation", "Closed won"]),
        MetricPlan = Plan,
    };

    /// <summary>The people, with whether each has already checked in for the latest working day.</summary>
    public static IReadOnlyList<(Member Member, bool CheckedInLatest)> People(LocalDate today) =>
    [
        (Person(ManagerId, "Morgan Lee", MemberRole.Manager, "America/New_York", today.PlusYears(-6), null), false),
        (Person("demo-ava", "Ava Patel", MemberRole.Hunter, "America/New_York", today.PlusMonths(-4), ManagerId) with { Quota = new MonthlyQuota(4, 40_000m, "$") }, false),
        (Person("demo-ben", "Ben Okafor", MemberRole.Hunter, "Europe/London", today.PlusYears(-2), ManagerId) with { Quota = new MonthlyQuota(5, null) }, true),
        (Person("demo-chloe", "Chloe Martin", MemberRole.Farmer, "Europe/London", today.PlusYears(-3), ManagerId) with { Quota = new MonthlyQuota(3, 50_000m, "£") }, true),
        (Person("demo-diego", "Diego Alvarez", MemberRole.Hunter, "America/Los_Angeles", today.PlusYears(-1), ManagerId) with { Quota = new MonthlyQuota(null, 60_000m, "$") }, false),
        (Person("demo-emma", "Emma Schultz", MemberRole.Farmer, "Europe/Berlin", today.PlusMonths(-18), ManagerId), true),
        (NewHire(today), false),
    ];

    /// <summary>Three weeks in: on the new-hunter metrics of the team's plan.</summary>
    private static Member NewHire(LocalDate today)
    {
        var fay = Person(NewHireId, "Fay Nguyen", MemberRole.Hunter, "America/New_York", today.PlusDays(-21), ManagerId);
        return fay with { Metrics = Plan.DefaultsFor(fay, today) };
    }

    private static Member Person(string id, string name, MemberRole role, string zone, LocalDate start, string? manager) => new()
    {
        Id = id,
        TeamId = TeamId,
        DisplayName = name,
        Role = role,
        StartDate = start,
        TimeZoneId = zone,
        ManagerId = manager,
        Metrics = MetricCatalog.DefaultsFor(role),
        ChannelAccounts = [new ChannelAccount(ChannelNames.Playground, Playground.DirectLineEndpoints.LocalTenant, id)],
    };
}
