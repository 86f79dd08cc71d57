using System.Collections.Concurrent;
using SalesBot.Conversations.Ports;

namespace SalesBot.Channels.Slack.Tests.Infrastructure;

/// <summary>Installations for tests of the Web API client alone, without a store.</summary>
public sealed class InMemoryInstallations : IInstallationStore
{
    private readonly ConcurrentDictionary<(string Channel, string WorkspaceId), ChannelInstallation> _byWorkspace = new();

    public void Add(ChannelInstallation installation)
    {
        ArgumentNullException.ThrowIfNull(installation);
        _byWorkspace[(installation.Channel, installation.WorkspaceId)] = installation;
    }

    public Task<ChannelInstallation?> FindAsync(string channel, string workspaceId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_byWorkspace.TryGetValue((channel, workspaceId), out var installation) ? installation : null);
}
