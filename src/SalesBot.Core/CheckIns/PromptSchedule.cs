using NodaTime;

namespace SalesBot.Core.CheckIns;

/// <summary>
/// When a rep is asked to check in: at <see cref="LocalTime"/> on working days in their own zone,
/// for a while afterwards (a prompt found late, e.g. after a restart, still goes out that morning;
/// one found in the evening does not). A time that falls into a DST gap moves forward by the gap
/// length; in an overlap the earlier instant is used.
/// </summary>
public sealed record PromptSchedule(LocalTime LocalTime, Duration Window)
{
    public static PromptSchedule Default { get; } = new(new LocalTime(9, 0), Duration.FromHours(3));

    /// <summary>The local day whose prompt is due at <paramref name="now"/>, or null when none is.</summary>
    public LocalDate? DueDay(Instant now, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var today = now.InZone(zone).Date;
        if (!WorkWeek.IsWorkday(today))
        {
            return null;
        }

        var promptAt = zone.AtLeniently(today.At(LocalTime)).ToInstant();
        return now >= promptAt && now < promptAt + Window ? today : null;
    }
}
