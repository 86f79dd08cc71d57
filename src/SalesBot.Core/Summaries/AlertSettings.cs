using NodaTime;

namespace SalesBot.Core.Summaries;

/// <summary>
/// A team's daily coaching alerts to its managers: each rule on or off, with its threshold kept
/// while it is off (so "on" brings back the team's own number). Old team documents without settings
/// get these defaults.
/// </summary>
public sealed record AlertSettings
{
    public const int MaxDays = 60;

    public static AlertSettings Default { get; } = new();

    /// <summary>When the day's alerts go out, in the manager's zone: after the check-in reminder, with the afternoon left to coach.</summary>
    public LocalTime At { get; init; } = new(14, 0);

    public bool MissedOn { get; init; } = true;

    /// <summary>Alert when a rep has missed this many expected check-ins in a row (time away and holidays not counted).</summary>
    public int MissedDays { get; init; } = 2;

    public bool DroughtOn { get; init; } = true;

    /// <summary>Alert when a rep's lead activity over the last week is this many percent below their own 4-week average.</summary>
    public int DroughtPercent { get; init; } = 30;

    public bool BlockersOn { get; init; } = true;

    /// <summary>Alert when a rep has reported the same blocker for this many days.</summary>
    public int BlockerDays { get; init; } = 3;

    public bool AnyOn => MissedOn || DroughtOn || BlockersOn;
}
