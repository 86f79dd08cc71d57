namespace SalesBot.Host.Playground;

/// <summary>
/// Configuration section <c>Playground</c>. The playground lets anyone who can reach the Host speak
/// as any demo member, so it is on only where configured (Development's appsettings turn it on).
/// </summary>
public sealed class PlaygroundOptions
{
    public const string Section = "Playground";

    public bool Enabled { get; set; }

    /// <summary>Conversations kept in memory; the oldest is dropped beyond this.</summary>
    public int MaxConversations { get; set; } = 200;

    /// <summary>Activities kept per conversation; the oldest are dropped beyond this.</summary>
    public int MaxActivitiesPerConversation { get; set; } = 1000;
}
