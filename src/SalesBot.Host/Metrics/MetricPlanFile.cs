using System.Text.Json;
using SalesBot.Core.Metrics;
using SalesBot.Core.Organization;

namespace SalesBot.Host.Metrics;

/// <summary>
/// Reads the admin's plan file: optional metric definitions, then one entry per role and tenure with its
/// metrics and daily targets (in order) and the metric to add when proficient:
/// <code>
/// { "metrics": [ { "key": "demos", "name": "Demos given", "unit": "demos" } ],
///   "plans": [ { "role": "hunter", "tenure": "new", "metrics": { "calls": 20, "meetings": 2 }, "next": { "demos": 1 } } ] }
/// </code>
/// Keys not defined in the file are the catalogue's (calls, meetings, proposals, reviews, referrals).
/// Every problem is reported with where it is, so one start-up shows them all.
/// </summary>
public static class MetricPlanFile
{
    /// <summary>Generous for any real plan; a bigger file is a mistake (a roster export, a binary).</summary>
    public const long MaxBytes = 256 * 1024;

    public static (MetricPlan? Plan, IReadOnlyList<string> Problems) Read(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return (null, [$"Metrics:PlanFile: there is no file at '{path}'."]);
        }

        if (info.Length > MaxBytes)
        {
            return (null, [$"Metrics:PlanFile: '{path}' is {info.Length:N0} bytes; a plan is at most {MaxBytes:N0}."]);
        }

        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (JsonException ex)
        {
            return (null, [$"Metrics:PlanFile: '{path}' is not valid JSON (line {ex.LineNumber + 1}): {ex.Message}"]);
        }
    }

    public static (MetricPlan? Plan, IReadOnlyList<string> Problems) Parse(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var problems = new List<string>();
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, ["Metrics:PlanFile: the file must be a JSON object with \"plans\"."]);
        }

        var defined = MetricCatalog.All.ToDictionary(m => m.Key, StringComparer.OrdinalIgnoreCase);
        if (root.TryGetProperty("metrics", out var metrics))
        {
            var i = 0;
            foreach (var m in metrics.ValueKind == JsonValueKind.Array ? metrics.EnumerateArray() : Enumerable.Empty<JsonElement>())
            {
                var key = Text(m, "key");
                var metric = new LeadMetric(key ?? string.Empty, Text(m, "name") ?? string.Empty, Text(m, "unit") ?? key ?? string.Empty, TargetRule.Min,
                    !m.TryGetProperty("higherIsBetter", out var hib) || hib.ValueKind != JsonValueKind.False);
                var own = MetricPlan.MetricProblems(metric);
                problems.AddRange(own.Select(p => $"Metrics:PlanFile metrics[{i}]: {p}"));
                if (own.Count == 0)
                {
                    defined[metric.Key] = metric;
                }

                i++;
            }
        }

        var rows = new List<MetricPlanRow>();
        if (!root.TryGetProperty("plans", out var plans) || plans.ValueKind != JsonValueKind.Array)
        {
            return (null, [.. problems, "Metrics:PlanFile: \"plans\" is missing; give a list of { role, tenure, metrics, next }."]);
        }

        var index = 0;
        foreach (var entry in plans.EnumerateArray())
        {
            var where = $"Metrics:PlanFile plans[{index++}]";
            if (!Enum.TryParse<MemberRole>(Text(entry, "role"), ignoreCase: true, out var role) || !role.IsRep())
            {
                problems.Add($"{where}: role must be hunter or farmer.");
                continue;
            }

            if (!Enum.TryParse<Tenure>(Text(entry, "tenure"), ignoreCase: true, out var tenure) || !Enum.IsDefined(tenure))
            {
                problems.Add($"{where}: tenure must be new or tenured.");
                continue;
            }

            var chosen = Targets(entry, "metrics", defined, where, problems);
            var next = Targets(entry, "next", defined, where, problems);
            if (next.Count > 1)
            {
                problems.Add($"{where}: \"next\" names one metric.");
            }

            rows.Add(new MetricPlanRow(role, tenure, chosen, next.FirstOrDefault()));
        }

        var plan = new MetricPlan(rows);
        problems.AddRange(plan.Problems().Select(p => "Metrics:PlanFile: " + p));
        return problems.Count == 0 ? (plan, problems) : (null, problems);
    }

    private static List<LeadMetric> Targets(JsonElement entry, string property, Dictionary<string, LeadMetric> defined, string where, List<string> problems)
    {
        var list = new List<LeadMetric>();
        if (!entry.TryGetProperty(property, out var targets))
        {
            return list;
        }

        if (targets.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{where}: \"{property}\" is an object of metric and daily target, e.g. {{ \"calls\": 20 }}.");
            return list;
        }

        foreach (var target in targets.EnumerateObject())
        {
            if (!defined.TryGetValue(target.Name, out var metric))
            {
                problems.Add($"{where}: the metric '{target.Name}' is neither in the catalogue ({string.Join(", ", MetricCatalog.All.Select(m => m.Key))}) nor under \"metrics\".");
            }
            else if (target.Value.ValueKind != JsonValueKind.Number || !target.Value.TryGetInt32(out var value))
            {
                problems.Add($"{where}: '{target.Name}' needs a whole-number daily target.");
            }
            else
            {
                list.Add(metric with { DailyTarget = value });
            }
        }

        return list;
    }

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
