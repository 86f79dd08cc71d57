namespace SalesBot.Host.Demo;

/// <summary>Configuration section <c>Demo</c>.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Seed the demo organization into an empty database (on in Development).</summary>
    public bool Seed { get; set; }
}
