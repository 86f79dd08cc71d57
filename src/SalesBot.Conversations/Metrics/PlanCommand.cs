using System.Globalization;
using SalesBot.Core.Metrics;
using SalesBot.Core.Organization;

namespace SalesBot.Conversations.Metrics;

/// <summary>
/// A manager's change to one row of the team's plan: <c>plan hunter new calls 20, meetings 2 next proposals 1</c>
/// (the text after <c>metrics</c>). The row's metrics are given in order with their daily targets; <c>next</c>
/// names the metric to add once proficient, with the plan's target when none is given.
/// </summary>
public static class PlanCommand
{
    public const string Example = "metrics plan hunter new calls 20, meetings 2 next proposals 1";

    public static bool IsPlan(string argument) =>
        (argument ?? string.Empty).TrimStart().StartsWith("plan", StringComparison.OrdinalIgnoreCase)
        && (argument!.Trim().Length == 4 || char.IsWhiteSpace(argument.Trim()[4]));

    /// <returns>The changed plan, or the problem in words.</returns>
    public static (MetricPlan? Plan, string? Problem) Apply(string argument, MetricPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var tokens = argument.Replace(',', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1).ToList();
        if (tokens.Count < 2)
        {
            return (null, $"Say which row and its metrics, e.g. \"{Example}\".");
        }

        MemberRole? role = tokens[0].ToLowerInvariant() switch { "hunter" or "hunters" => MemberRole.Hunter, "farmer" or "farmers" => MemberRole.Farmer, _ => null };
        Tenure? tenure = tokens[1].ToLowerInvariant() switch { "new" => Tenure.New, "tenured" => Tenure.Tenured, _ => null };
        if (role is null || tenure is null)
        {
            return (null, $"A plan row is a role (hunter or farmer) and a tenure (new or tenured), e.g. \"{Example}\".");
        }

        var metrics = new List<LeadMetric>();
        LeadMetric? next = null;
        var inNext = false;
        for (var i = 2; i < tokens.Count; i++)
        {
            if (tokens[i].Equals("next", StringComparison.OrdinalIgnoreCase))
            {
                inNext = true;
                continue;
            }

            if (plan.Find(tokens[i]) is not { } metric)
            {
                return (null, $"I don't know the metric \"{tokens[i]}\". This team's are: {string.Join(", ", plan.Known.Select(m => m.Key))}.");
            }

            if (i + 1 < tokens.Count && int.TryParse(tokens[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var target))
            {
                metric = metric with { DailyTarget = target };
                i++;
            }
            else if (!inNext)
            {
                return (null, $"Give {metric.Name} a daily target, e.g. \"{metric.Key} {metric.DailyTarget}\".");
            }

            if (inNext)
            {
                next = metric;
            }
            else
            {
                metrics.Add(metric);
            }
        }

        var row = new MetricPlanRow(role.Value, tenure.Value, metrics, next);
        var changed = new MetricPlan([.. plan.Rows.Where(r => !(r.Role == role && r.Tenure == tenure)), row]);
        var problems = changed.Problems();
        return problems.Count > 0 ? (null, problems[0]) : (changed, null);
    }
}
