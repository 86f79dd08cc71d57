namespace SalesBot.Host.Metrics;

/// <summary>Configuration section <c>Metrics</c>: bulk setup of lead metrics and the proficiency rule.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>
    /// A JSON file with lead metrics by role and tenure (see the README), used by every team that has no plan
    /// of its own; relative paths are from the content root. Empty for the built-in catalogue.
    /// </summary>
    public string? PlanFile { get; set; }

    /// <summary>The proficiency window: working days looked at, time away and holidays not counted.</summary>
    public int ProficiencyDays { get; set; } = 20;

    /// <summary>Days within the window whose target was met for the manager to be nudged.</summary>
    public int ProficiencyRequired { get; set; } = 16;
}
