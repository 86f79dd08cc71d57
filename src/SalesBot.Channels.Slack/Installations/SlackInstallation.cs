namespace SalesBot.Channels.Slack.Installations;

/// <summary>A workspace that installed the app through OAuth, with its bot token. Never log <see cref="BotToken"/>.</summary>
public sealed record SlackInstallation(string TeamId, string? TeamName, string BotToken, string? BotUserId, string? AppId, DateTimeOffset InstalledAt)
{
    public override string ToString() => $"SlackInstallation {{ TeamId = {TeamId}, TeamName = {TeamName}, BotUserId = {BotUserId} }}";
}
