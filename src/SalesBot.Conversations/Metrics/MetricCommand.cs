using System.Globalization;
using SalesBot.Core.Metrics;

namespace SalesBot.Conversations.Metrics;

/// <summary>
/// What a manager typed after <c>metrics</c> or <c>target</c>, split into the rep's name and what to do:
/// <c>Ava calls 40, meetings 3</c> (set the list), <c>Ava add referrals 2</c>, <c>Ava remove calls</c>, or
/// (after <c>target</c>) <c>Ava calls 35</c>. The name ends where the first metric with a number, or
/// <c>add</c>/<c>remove</c>, begins.
/// </summary>
public sealed record MetricCommand(MetricCommandKind Kind, string Who, IReadOnlyList<(LeadMetric Metric, int? Target)> Items, string? Problem = null)
{
    public static MetricCommand Parse(string argument, MetricPlan plan, bool targetsOnly)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var tokens = (argument ?? string.Empty).Replace(',', ' ').Replace(';', ' ')
            .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => t.Trim(':', '.'))
            .Where(t => t.Length > 0)
            .ToList();
        if (tokens.Count == 0)
        {
            return new MetricCommand(MetricCommandKind.Show, string.Empty, []);
        }

        var split = Enumerable.Range(1, Math.Max(0, tokens.Count - 1)).FirstOrDefault(i =>
            IsWord(tokens[i], "add", "remove", "drop") || (i + 1 < tokens.Count && IsNumber(tokens[i + 1]) && !IsNumber(tokens[i])), -1);
        if (split < 0)
        {
            return new MetricCommand(MetricCommandKind.Show, Name(tokens), []);
        }

        var who = Name(tokens[..split]);
        var rest = tokens[split..];
        var kind = targetsOnly ? MetricCommandKind.Targets
            : IsWord(rest[0], "add") ? MetricCommandKind.Add
            : IsWord(rest[0], "remove", "drop") ? MetricCommandKind.Remove
            : MetricCommandKind.Set;
        if (kind is MetricCommandKind.Add or MetricCommandKind.Remove)
        {
            rest = rest[1..];
        }

        var items = new List<(LeadMetric, int?)>();
        for (var i = 0; i < rest.Count; i++)
        {
            if (plan.Find(rest[i]) is not { } metric)
            {
                return new MetricCommand(kind, who, items, $"I don't know the metric \"{Shorten(rest[i])}\". This team's are: {string.Join(", ", plan.Known.Select(m => m.Key))}.");
            }

            int? target = null;
            if (i + 1 < rest.Count && IsNumber(rest[i + 1]))
            {
                if (!int.TryParse(rest[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || !TargetRule.IsValid(value))
                {
                    return new MetricCommand(kind, who, items, $"A daily target is a whole number from {TargetRule.Min} to {TargetRule.Max}; \"{Shorten(rest[i])}\" isn't one.");
                }

                target = value;
            }
            else if (kind is MetricCommandKind.Set or MetricCommandKind.Targets)
            {
                return new MetricCommand(kind, who, items, $"Give {metric.Name} a daily target, e.g. \"{metric.Key} {metric.DailyTarget}\".");
            }

            items.Add((metric, target));
        }

        return items.Count == 0
            ? new MetricCommand(kind, who, items, $"Name a metric, e.g. {MetricsMessages.Grammar}.")
            : new MetricCommand(kind, who, items);
    }

    private static bool IsWord(string token, params string[] words) => words.Any(w => token.Equals(w, StringComparison.OrdinalIgnoreCase));

    private static bool IsNumber(string token) => token.Length > 0 && (char.IsAsciiDigit(token[0]) || (token[0] == '-' && token.Length > 1));

    private static string Name(IEnumerable<string> tokens) => string.Join(' ', tokens).TrimStart('@').Trim();

    private static string Shorten(string text) => text.Length <= 30 ? text : text[..30] + "…";
}

public enum MetricCommandKind
{
    Show,
    Set,
    Add,
    Remove,
    Targets,
}
