using System.Globalization;
using NodaTime;
using SalesBot.Conversations.Messages;

namespace SalesBot.Conversations.Flows;

/// <summary>
/// Corrects a recent check-in in one line: "fix Fri calls 14", "fix yesterday meetings 2",
/// "fix Nov 19 calls 14, proposals 1", or "fix Thu" for that day's card, filled in. A day is one of the
/// edit window (<see cref="CheckInPolicy"/>); the numbers it leaves out keep their values. Without a
/// day ("fix calls 14") it corrects the current report day, as "calls 14" does.
/// </summary>
public sealed class CheckInFixFlow(CheckInFlow checkIn, IClock clock) : IFlow
{
    private const string Usage = "Say which day and what to change, e.g. \"fix Fri calls 14\", \"fix yesterday meetings 2\" or \"fix Nov 19 calls 14\"; \"fix Fri\" alone opens that day's card.";

    public IReadOnlyList<string> Commands { get; } = ["fix", "fix check in", "fix checkin", "correct"];

    public IReadOnlyList<string> Verbs { get; } = [];

    public Task<TurnResult> OnSubmitAsync(Turn turn, FormSubmission submission, CancellationToken cancellationToken) =>
        Task.FromResult(TurnResult.Reply(Usage));

    public async Task<TurnResult> OnCommandAsync(Turn turn, string argument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var today = turn.Calendar.Today(clock.GetCurrentInstant());
        var words = (argument ?? string.Empty).Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return TurnResult.Reply(Usage);
        }

        if (PastDay(words, today, out var used) is { } day)
        {
            return await checkIn.CorrectAsync(turn, day, string.Join(' ', words.Skip(used)), cancellationToken);
        }

        var current = turn.Calendar.ReportDateFor(today);
        return CheckInFlow.LooksLikeNumbers(turn.Member, argument!)
            ? await checkIn.CorrectAsync(turn, current, argument!, cancellationToken)
            : TurnResult.Reply($"Sorry, I didn't get which day \"{words[0]}\" is. {Usage}");
    }

    /// <summary>
    /// The day the first words name, looking back from <paramref name="today"/>: "yesterday", a weekday
    /// (the latest one before today), "Nov 19" / "19 Nov" (this year's, or last year's if still ahead), or
    /// 2026-11-19. <paramref name="used"/> is how many words it took.
    /// </summary>
    public static LocalDate? PastDay(IReadOnlyList<string> words, LocalDate today, out int used)
    {
        ArgumentNullException.ThrowIfNull(words);
        used = 0;
        if (words.Count >= 2 && MonthDay(Clean(words[0]), Clean(words[1]), today) is { } dated)
        {
            used = 2;
            return dated;
        }

        var first = Clean(words[0]);
        LocalDate? day = first switch
        {
            "yesterday" => today.PlusDays(-1),
            _ when Dates.ParseIso(first) is { } iso => iso,
            _ when first.Length >= 3 && DayText.WeekDay(first) is { } weekday => Latest(today, weekday),
            _ => null,
        };
        used = day is null ? 0 : 1;
        return day;
    }

    private static LocalDate Latest(LocalDate today, IsoDayOfWeek weekday)
    {
        var d = today.PlusDays(-1);
        while (d.DayOfWeek != weekday)
        {
            d = d.PlusDays(-1);
        }

        return d;
    }

    private static LocalDate? MonthDay(string a, string b, LocalDate today)
    {
        var (monthWord, dayWord) = Month(a) is not null ? (a, b) : (b, a);
        if (Month(monthWord) is not { } month
            || !int.TryParse(dayWord.TrimEnd('s', 't', 'n', 'd', 'r', 'h'), NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            || d < 1 || d > 31)
        {
            return null;
        }

        for (var year = today.Year; year >= today.Year - 1; year--)
        {
            if (d <= CalendarSystem.Iso.GetDaysInMonth(year, month) && new LocalDate(year, month, d) is var date && date <= today)
            {
                return date;
            }
        }

        return null;
    }

    private static int? Month(string word)
    {
        string[] months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
        var i = Array.FindIndex(months, m => word.Length >= 3 && word.StartsWith(m, StringComparison.Ordinal));
        return i < 0 ? null : i + 1;
    }

    private static string Clean(string word) => word.Trim(',', '.', ':', ';').ToLowerInvariant();
}
