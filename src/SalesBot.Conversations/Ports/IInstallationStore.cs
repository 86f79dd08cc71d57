namespace SalesBot.Conversations.Ports;

/// <summary>Workspaces that installed the app through OAuth, with the bot token that speaks to them.</summary>
public interface IInstallationStore
{
    Task<ChannelInstallation?> FindAsync(string channel, string workspaceId, CancellationToken cancellationToken = default);
}

/// <summary>A workspace's installation (a re-install replaces it and rotates the token). Never log <see cref="BotToken"/>.</summary>
public sealed record ChannelInstallation(
    string Channel,
    string WorkspaceId,
    string? WorkspaceName,
    string BotToken,
    string? BotUserId,
    string? AppId,
    DateTimeOffset InstalledAt)
{
    public override string ToString() => $"ChannelInstallation {{ Channel = {Channel}, WorkspaceId = {WorkspaceId}, WorkspaceName = {WorkspaceName}, BotUserId = {BotUserId} }}";
}
