using SalesBot.Core.Schedules;

namespace SalesBot.Core.Organization;

/// <summary>
/// A sales team. Its default time zone is used for members whose own zone is unknown, and its
/// channel (Teams channel or Slack channel) is where win posts go. Its schedule and holidays say
/// when its members are asked for things.
/// </summary>
public sealed record Team(string Id, string OrganizationId, string Name, string DefaultTimeZone)
{
    public Schedule Schedule { get; init; } = Schedule.Default;

    public HolidayCalendar Holidays { get; init; } = HolidayCalendar.Empty;

    /// <summary>The daily coaching alerts its managers get, and when.</summary>
    public Summaries.AlertSettings Alerts { get; init; } = Summaries.AlertSettings.Default;
}
