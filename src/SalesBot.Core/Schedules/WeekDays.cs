using System.Globalization;
using NodaTime;

namespace SalesBot.Core.Schedules;

/// <summary>Sets of working days, as people write them: "mon-fri", "sun-thu", "mon,wed,fri".</summary>
public static class WeekDays
{
    public static IReadOnlyList<IsoDayOfWeek> MondayToFriday { get; } =
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];

    private static readonly string[] Names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    /// <summary>The days named in <paramref name="text"/>, in week order; null when it is not understood.</summary>
    public static IReadOnlyList<IsoDayOfWeek>? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var days = new SortedSet<IsoDayOfWeek>();
        foreach (var part in text.ToLowerInvariant().Replace(" to ", "-", StringComparison.Ordinal).Split([',', ' ', '/'], StringSplitOptions.RemoveEmptyEntries))
        {
            var range = part.Split(['-', '–']);
            if (range.Length is 0 or > 2 || range.Any(r => r.Length == 0) || Day(range[0]) is not { } first)
            {
                return null;
            }

            var last = range.Length == 2 ? Day(range[1]) : first;
            if (last is null)
            {
                return null;
            }

            // A range may wrap the week end: "sun-thu".
            for (var d = first; ; d = Next(d))
            {
                days.Add(d);
                if (d == last)
                {
                    break;
                }
            }
        }

        return days.Count == 0 ? null : [.. days];
    }

    public static string Display(IReadOnlyList<IsoDayOfWeek> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        var set = days.ToHashSet();
        // A run of three or more days reads as a range, also across the week's end ("Sun–Thu").
        var starts = set.Where(d => !set.Contains(Previous(d))).ToList();
        if (set.Count > 2 && set.Count < 7 && starts.Count == 1)
        {
            var last = starts[0];
            while (set.Contains(Next(last)))
            {
                last = Next(last);
            }

            return $"{Short(starts[0])}–{Short(last)}";
        }

        return set.Count == 7 ? "every day" : string.Join(", ", set.Order().Select(Short));
    }

    private static IsoDayOfWeek Next(IsoDayOfWeek day) => day == IsoDayOfWeek.Sunday ? IsoDayOfWeek.Monday : day + 1;

    private static IsoDayOfWeek Previous(IsoDayOfWeek day) => day == IsoDayOfWeek.Monday ? IsoDayOfWeek.Sunday : day - 1;

    private static string Short(IsoDayOfWeek day) => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(Names[(int)day - 1]);

    private static IsoDayOfWeek? Day(string word)
    {
        var w = word.Trim('.', ';');
        for (var i = 0; i < Names.Length; i++)
        {
            if (w.Length >= 3 && (Names[i].StartsWith(w, StringComparison.Ordinal) || w.StartsWith(Names[i], StringComparison.Ordinal)))
            {
                return (IsoDayOfWeek)(i + 1);
            }
        }

        return null;
    }
}
