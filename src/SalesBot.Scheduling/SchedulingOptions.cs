using System.ComponentModel.DataAnnotations;

namespace SalesBot.Scheduling;

/// <summary>Configuration section <c>Scheduling</c>.</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>How often the outbox is swept for due messages (retries, anything not sent at once).</summary>
    [Range(1, 3600)]
    public int OutboxSweepSeconds { get; set; } = 10;

    /// <summary>Reps' local time for the daily check-in prompt on working days, <c>HH:mm</c>.</summary>
    [RegularExpression(@"^([01]\d|2[0-3]):[0-5]\d$", ErrorMessage = "Scheduling:CheckInPromptTime must be HH:mm, e.g. 09:00.")]
    public string CheckInPromptTime { get; set; } = "09:00";

    /// <summary>How long after the prompt time a prompt not yet sent (e.g. after downtime) still goes out.</summary>
    [Range(1, 12)]
    public int CheckInPromptWindowHours { get; set; } = 3;

    /// <summary>How often due prompts are looked for.</summary>
    [Range(1, 60)]
    public int CheckInPromptSweepMinutes { get; set; } = 5;

    /// <summary>The prompt time; a method, not a property, so validation never evaluates it before the format is checked.</summary>
    public NodaTime.LocalTime PromptLocalTime() =>
        NodaTime.Text.LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(CheckInPromptTime).GetValueOrThrow();

    /// <summary>How long a post with nowhere to go (no team channel, no chat with the member) waits before it is dead-lettered.</summary>
    [Range(1, 1440)]
    public int UndeliverableAfterMinutes { get; set; } = 15;

    /// <summary>How often expired event marks and old finished posts are pruned (SQLite; Cosmos DB expires them by TTL).</summary>
    [Range(1, 1440)]
    public int PruneEveryMinutes { get; set; } = 60;

    /// <summary>Off in tests that drive the dispatcher themselves.</summary>
    public bool Enabled { get; set; } = true;
}
