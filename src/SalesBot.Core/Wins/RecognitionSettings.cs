using NodaTime;
using SalesBot.Core.Schedules;

namespace SalesBot.Core.Wins;

/// <summary>
/// How a team's channel celebrates (fair recognition): at most <see cref="DailyPostCap"/> celebration
/// posts a team-local day; the day's further wins fold into one round-up at <see cref="RoundUpAt"/>.
/// </summary>
public sealed record RecognitionSettings
{
    public const int MaxDailyPostCap = 50;

    public static RecognitionSettings Default { get; } = new();

    /// <summary>Celebration posts a day in the team channel; 0 sends every win to the round-up.</summary>
    public int DailyPostCap { get; init; } = 5;

    /// <summary>When the day's round-up goes out, in the team's time zone (only on a day past the cap).</summary>
    public LocalTime RoundUpAt { get; init; } = new(17, 30);

    /// <summary>Why these settings cannot work with the team's <paramref name="schedule"/>, or null when they can.</summary>
    public string? Problem(Schedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (DailyPostCap is < 0 or > MaxDailyPostCap)
        {
            return $"The daily cap must be a whole number from 0 to {MaxDailyPostCap}.";
        }

        return RoundUpAt <= schedule.WorkdayStart || RoundUpAt >= schedule.WorkdayEnd
            ? $"The round-up must go out inside the team's working hours ({Display(schedule.WorkdayStart)}–{Display(schedule.WorkdayEnd)}), since nothing is posted outside them."
            : null;
    }

    private static string Display(LocalTime time) => time.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
