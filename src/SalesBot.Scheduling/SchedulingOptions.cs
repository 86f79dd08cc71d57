using System.ComponentModel.DataAnnotations;

namespace SalesBot.Scheduling;

/// <summary>Configuration section <c>Scheduling</c>.</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>How often the outbox is swept for due messages (retries, anything not sent at once).</summary>
    [Range(1, 3600)]
    public int OutboxSweepSeconds { get; set; } = 10;

    /// <summary>Off in tests that drive the dispatcher themselves.</summary>
    public bool Enabled { get; set; } = true;
}
