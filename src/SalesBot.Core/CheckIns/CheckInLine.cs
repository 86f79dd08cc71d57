using System.Text.RegularExpressions;
using SalesBot.Core.Metrics;

namespace SalesBot.Core.CheckIns;

/// <summary>
/// Reads a check-in typed on one line: <c>calls 32, meetings 4, proposals 1</c>, optionally followed
/// by <c>plan: call Acme; send Globex proposal</c> and <c>blockers: waiting on legal</c>.
/// Metric names match by key, name, unit or their first word, singular or plural.
/// </summary>
public static partial class CheckInLine
{
    /// <summary>True when the text starts like a metric reading ("calls 32", "32 calls").</summary>
    public static bool LooksLikeNumbers(string text, IReadOnlyList<LeadMetric> metrics)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = Split(NumbersPart(text)).FirstOrDefault();
        return first is not null && ReadSegment(first) is { } reading && Resolve(reading.Name, metrics) is not null;
    }

    public static CheckInDraft Parse(string text, IReadOnlyList<LeadMetric> metrics)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(metrics);
        var raw = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var segment in Split(NumbersPart(text)))
        {
            var reading = ReadSegment(segment);
            if (reading is null)
            {
                raw[segment] = null;
                continue;
            }

            var key = Resolve(reading.Name, metrics)?.Key ?? reading.Name;
            raw[key] = reading.Value;
        }

        var plan = Section(text, PlanLabel()) is { } p
            ? p.Split([';', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList()
            : [];
        return new CheckInDraft(raw, plan, Section(text, BlockersLabel()));
    }

    private static string NumbersPart(string text)
    {
        var cut = new[] { PlanLabel().Match(text), BlockersLabel().Match(text) }.Where(m => m.Success).Select(m => m.Index).DefaultIfEmpty(text.Length).Min();
        return text[..cut];
    }

    private static string? Section(string text, Regex label)
    {
        var m = label.Match(text);
        if (!m.Success)
        {
            return null;
        }

        var rest = text[(m.Index + m.Length)..];
        var other = label == PlanLabel() ? BlockersLabel() : PlanLabel();
        var end = other.Match(rest);
        var value = (end.Success ? rest[..end.Index] : rest).Trim().TrimEnd(',', ';').Trim();
        return value.Length == 0 ? null : value;
    }

    private static IEnumerable<string> Split(string numbers) =>
        AndOrSeparators().Split(numbers).Select(s => s.Trim()).Where(s => s.Length > 0);

    private static Reading? ReadSegment(string segment)
    {
        var m = NameThenNumber().Match(segment);
        if (!m.Success)
        {
            m = NumberThenName().Match(segment);
        }

        return m.Success ? new Reading(m.Groups["name"].Value.Trim().ToLowerInvariant(), m.Groups["num"].Value) : null;
    }

    private static LeadMetric? Resolve(string name, IReadOnlyList<LeadMetric> metrics)
    {
        var n = Singular(name);
        return metrics.FirstOrDefault(m =>
            Candidates(m).Any(c => Singular(c) == n));
    }

    private static IEnumerable<string> Candidates(LeadMetric m)
    {
        yield return m.Key;
        yield return m.Name.ToLowerInvariant();
        yield return m.Unit.ToLowerInvariant();
        yield return m.Name.Split(' ')[0].ToLowerInvariant();
    }

    private static string Singular(string word)
    {
        var w = word.Trim().ToLowerInvariant();
        return w.EndsWith('s') && w.Length > 3 ? w[..^1] : w;
    }

    private sealed record Reading(string Name, string Value);

    [GeneratedRegex(@"^(?<name>[\p{L}][\p{L} ]*?)\s*[:=]?\s*(?<num>[-+]?\d+(?:[.,]\d+)?)$")]
    private static partial Regex NameThenNumber();

    [GeneratedRegex(@"^(?<num>[-+]?\d+(?:[.,]\d+)?)\s*(?<name>[\p{L}][\p{L} ]*)$")]
    private static partial Regex NumberThenName();

    [GeneratedRegex(@"\s*(?:,|;|\band\b)\s*", RegexOptions.IgnoreCase)]
    private static partial Regex AndOrSeparators();

    [GeneratedRegex(@"\bplan\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex PlanLabel();

    [GeneratedRegex(@"\bblockers?\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex BlockersLabel();
}
