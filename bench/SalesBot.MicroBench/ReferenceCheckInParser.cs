using System.Globalization;

namespace SalesBot.MicroBench;

/// <summary>
/// The reference for check-in parsing: the least a parser of the same lines must do, with
/// <see cref="string.Split(char[], StringSplitOptions)"/>, <see cref="string.IndexOf(string, StringComparison)"/>
/// and <see cref="int.TryParse(string, NumberStyles, IFormatProvider, out int)"/>. No metric names resolved
/// (a word must be the metric's key as typed), no checks, no polite answers.
/// </summary>
internal static class ReferenceCheckInParser
{
    private static readonly char[] Separators = [',', ';'];
    private static readonly char[] WordBreaks = [' ', ':', '='];

    public static (Dictionary<string, int> Values, string[] Plan, string? Blockers) Parse(string line)
    {
        var planAt = line.IndexOf("plan:", StringComparison.OrdinalIgnoreCase);
        var blockersAt = line.IndexOf("blockers:", StringComparison.OrdinalIgnoreCase);
        var numbersEnd = Math.Min(planAt < 0 ? line.Length : planAt, blockersAt < 0 ? line.Length : blockersAt);

        var values = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var numbers = line[..numbersEnd].Replace(" and ", ",", StringComparison.OrdinalIgnoreCase);
        foreach (var segment in numbers.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string? name = null;
            int? number = null;
            foreach (var word in segment.Split(WordBreaks, StringSplitOptions.RemoveEmptyEntries))
            {
                if (int.TryParse(word, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
                {
                    number = n;
                }
                else
                {
                    name = word.ToLowerInvariant();
                }
            }

            if (name is not null && number is { } value)
            {
                values[name] = value;
            }
        }

        var plan = planAt < 0
            ? []
            : line[(planAt + "plan:".Length)..(blockersAt > planAt ? blockersAt : line.Length)]
                .Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var blockers = blockersAt < 0 ? null : line[(blockersAt + "blockers:".Length)..(planAt > blockersAt ? planAt : line.Length)].Trim();
        return (values, plan, blockers);
    }
}
