using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;

namespace SalesBot.Conversations.Flows;

/// <summary>
/// Days and times as people type them: "today", "tomorrow", "friday", "Dec 2", "2 December",
/// "2026-12-02"; "9", "8:30", "2pm", "14:00". A day without a year is the next one on or after today.
/// </summary>
public static partial class DayText
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    private static readonly string[] WeekDayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    public static LocalDate? ParseDay(string text, LocalDate today)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim().TrimEnd('.', '!').ToLowerInvariant();
        if (t is "today")
        {
            return today;
        }

        if (t is "tomorrow" or "tmrw" or "tmr")
        {
            return today.PlusDays(1);
        }

        if (LocalDatePattern.Iso.Parse(t) is { Success: true } iso)
        {
            return iso.Value;
        }

        var words = t.Replace(",", " ", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // "friday" is the next Friday on or after today; "next friday" the one after today.
        var isNext = words.Length == 2 && words[0] == "next";
        if ((words.Length == 1 || isNext) && WeekDay(words[^1]) is { } weekday)
        {
            var d = isNext ? today.PlusDays(1) : today;
            while (d.DayOfWeek != weekday)
            {
                d = d.PlusDays(1);
            }

            return d;
        }

        // "dec 2", "december 2nd 2026", "2 dec", "2nd of december"
        words = words.Where(x => x != "of").ToArray();
        if (words.Length is < 2 or > 3)
        {
            return null;
        }

        int? month = Month(words[0]) ?? Month(words[1]);
        var dayWord = Month(words[0]) is not null ? words[1] : words[0];
        if (month is null || !int.TryParse(Ordinal().Replace(dayWord, string.Empty), NumberStyles.None, CultureInfo.InvariantCulture, out var day))
        {
            return null;
        }

        int? year = words.Length == 3 && int.TryParse(words[2], NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 2000 and <= 2100 ? y : null;
        if (words.Length == 3 && year is null)
        {
            return null;
        }

        var candidateYear = year ?? today.Year;
        if (day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(candidateYear, month.Value))
        {
            return null;
        }

        var date = new LocalDate(candidateYear, month.Value, day);
        return year is null && date < today ? new LocalDate(candidateYear + 1, month.Value, Math.Min(day, CalendarSystem.Iso.GetDaysInMonth(candidateYear + 1, month.Value))) : date;
    }

    /// <summary>"9", "09:00", "8:30", "2pm", "2:30 pm", "14:00"; null when not a time of day.</summary>
    public static LocalTime? ParseTime(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var m = Time().Match(text.Trim().ToLowerInvariant());
        if (!m.Success)
        {
            return null;
        }

        var hour = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = m.Groups["m"].Success ? int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        switch (m.Groups["ampm"].Value)
        {
            case "am" when hour is >= 1 and <= 12:
                hour %= 12;
                break;
            case "pm" when hour is >= 1 and <= 12:
                hour = hour % 12 + 12;
                break;
            case "am" or "pm":
                return null;
        }

        return hour is >= 0 and <= 23 && minute is >= 0 and <= 59 ? new LocalTime(hour, minute) : null;
    }

    public static string Display(LocalTime time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    public static IsoDayOfWeek? WeekDay(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        for (var i = 0; i < WeekDayNames.Length; i++)
        {
            if (word.Length >= 3 && (word.StartsWith(WeekDayNames[i], StringComparison.Ordinal)))
            {
                return (IsoDayOfWeek)(i + 1);
            }
        }

        return null;
    }

    private static int? Month(string word)
    {
        for (var i = 0; i < Months.Length; i++)
        {
            if (word.Length >= 3 && word.StartsWith(Months[i], StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        return null;
    }

    [GeneratedRegex(@"(st|nd|rd|th)$")]
    private static partial Regex Ordinal();

    [GeneratedRegex(@"^(at\s+)?(?<h>\d{1,2})(:(?<m>\d{2}))?\s*(?<ampm>am|pm)?$")]
    private static partial Regex Time();
}
