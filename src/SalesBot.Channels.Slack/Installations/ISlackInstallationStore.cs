namespace SalesBot.Channels.Slack.Installations;

/// <summary>Bot tokens by workspace (Slack team id), written by the OAuth install flow.</summary>
public interface ISlackInstallationStore
{
    /// <summary>Creates or replaces the installation of its workspace (a re-install rotates the token).</summary>
    Task SaveAsync(SlackInstallation installation, CancellationToken cancellationToken = default);

    Task<SlackInstallation?> FindAsync(string teamId, CancellationToken cancellationToken = default);
}
