using NodaTime;

namespace SalesBot.Conversations.Scheduling;

/// <summary>How the schedule catches up and how often it re-reads stored schedules.</summary>
public sealed record SchedulePolicy
{
    /// <summary>
    /// A scheduled message found late (the service was down at nine and started at 09:40) still goes
    /// out if it is at most this late; later than that it is skipped, and the skip is logged and kept
    /// in the outbox as <see cref="Outbox.OutboxStatus.Skipped"/>.
    /// </summary>
    public Duration CatchUpGrace { get; init; } = Duration.FromMinutes(60);

    /// <summary>
    /// How long a zone's plan is trusted before its members' schedules are read again, so that a
    /// change made on another instance is picked up. Changes on this instance replan at once.
    /// </summary>
    public Duration Replan { get; init; } = Duration.FromMinutes(15);

    /// <summary>How far back missed messages are looked for (and logged as skipped).</summary>
    public Duration Lookback { get; init; } = Duration.FromHours(24);

    public Duration Snooze { get; init; } = Duration.FromHours(1);
}
