using System.ComponentModel.DataAnnotations;

namespace SalesBot.Scheduling;

/// <summary>Configuration section <c>Scheduling</c>.</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>How often the outbox is swept for due messages (retries, anything not sent at once).</summary>
    [Range(1, 3600)]
    public int OutboxSweepSeconds { get; set; } = 10;

    /// <summary>
    /// How late a scheduled message found after downtime may be and still go out (once); later ones are
    /// skipped, logged, and kept in the outbox as skipped.
    /// </summary>
    [Range(1, 720)]
    public int CatchUpGraceMinutes { get; set; } = 60;

    /// <summary>The longest the schedule goes without a run; it also runs at the moment anything is due.</summary>
    [Range(1, 60)]
    public int SweepMinutes { get; set; } = 5;

    /// <summary>How often each zone's stored schedules are read again, for changes made on other instances.</summary>
    [Range(1, 1440)]
    public int ReplanMinutes { get; set; } = 15;

    /// <summary>How long "remind me later" on a check-in prompt waits.</summary>
    [Range(5, 240)]
    public int SnoozeMinutes { get; set; } = 60;

    /// <summary>How long a post with nowhere to go (no team channel, no chat with the member) waits before it is dead-lettered.</summary>
    [Range(1, 1440)]
    public int UndeliverableAfterMinutes { get; set; } = 15;

    /// <summary>How often expired event marks and old finished posts are pruned (SQLite; Cosmos DB expires them by TTL).</summary>
    [Range(1, 1440)]
    public int PruneEveryMinutes { get; set; } = 60;

    /// <summary>
    /// How many outbox messages are sent at once. A morning's fan-out is paced by each tenant's rate limit
    /// (Teams: 50 a second); enough sends in flight keep every tenant's budget busy while others wait their turn.
    /// </summary>
    [Range(1, 256)]
    public int OutboxConcurrency { get; set; } = 32;

    /// <summary>Off in tests that drive the dispatcher themselves.</summary>
    public bool Enabled { get; set; } = true;
}
