using System.Collections.Concurrent;

namespace SalesBot.Channels.Slack.Installations;

/// <summary>Installations kept in memory: for tests, and when no SQLite path is configured (lost on restart).</summary>
public sealed class InMemorySlackInstallationStore : ISlackInstallationStore
{
    private readonly ConcurrentDictionary<string, SlackInstallation> _byTeam = new(StringComparer.Ordinal);

    public Task SaveAsync(SlackInstallation installation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(installation);
        _byTeam[installation.TeamId] = installation;
        return Task.CompletedTask;
    }

    public Task<SlackInstallation?> FindAsync(string teamId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_byTeam.TryGetValue(teamId, out var installation) ? installation : null);
}
