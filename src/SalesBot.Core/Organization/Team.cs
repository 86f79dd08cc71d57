using SalesBot.Core.Pipeline;
using SalesBot.Core.Schedules;
using SalesBot.Core.Wins;

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

    /// <summary>The stages a stage-advanced win is chosen from; teams that never set theirs get the defaults.</summary>
    public PipelineStages Pipeline { get; init; } = PipelineStages.Default;
    /// <summary>The channel's daily cap on celebration posts and the evening round-up time.</summary>
    public RecognitionSettings Recognition { get; init; } = RecognitionSettings.Default;
    /// <summary>
    /// The team's own lead metrics by role and tenure; null until a manager or admin sets one, and the
    /// bot then uses the configured plan or <see cref="Metrics.MetricPlan.Default"/>.
    /// </summary>
    public Metrics.MetricPlan? MetricPlan { get; init; }
    /// <summary>The daily coaching alerts its managers get, and when.</summary>
    public Summaries.AlertSettings Alerts { get; init; } = Summaries.AlertSettings.Default;
}
