using SalesBot.Core.Metrics;
using SalesBot.Core.Organization;

namespace SalesBot.Conversations.Metrics;

/// <summary>
/// The plan that applies to a team: its own, else the one the admin configured for every team without
/// one (<c>Metrics:PlanFile</c>), else the built-in catalogue.
/// </summary>
public sealed class MetricPlans(ConfiguredMetricPlan configured)
{
    public MetricPlan For(Team team)
    {
        ArgumentNullException.ThrowIfNull(team);
        return team.MetricPlan ?? configured.Plan;
    }
}

/// <summary>The plan for teams without their own; the Host replaces it with the admin's file when one is set.</summary>
public sealed record ConfiguredMetricPlan(MetricPlan Plan)
{
    public static ConfiguredMetricPlan BuiltIn { get; } = new(MetricPlan.Default);
}
