using System.Collections.Concurrent;
using SalesBot.Channels.Slack.WebApi;

namespace SalesBot.Channels.Slack.Members;

/// <summary>The bot's direct-message channel with each member (<c>conversations.open</c>, remembered).</summary>
public sealed class SlackDirectChannels(SlackApiClient api)
{
    private readonly ConcurrentDictionary<string, string> _channels = new(StringComparer.Ordinal);

    public static bool IsDirect(string? channelId) => channelId is { Length: > 0 } && channelId[0] == 'D';

    public async Task<string> GetAsync(string teamId, string userId, CancellationToken cancellationToken)
    {
        var key = $"{teamId}|{userId}";
        if (_channels.TryGetValue(key, out var channel))
        {
            return channel;
        }

        channel = await api.OpenConversationAsync(teamId, userId, cancellationToken);
        _channels[key] = channel;
        return channel;
    }

    /// <summary>Remembers a DM channel seen in an event, saving a <c>conversations.open</c> later.</summary>
    public void Remember(string teamId, string userId, string channelId)
    {
        if (IsDirect(channelId))
        {
            _channels[$"{teamId}|{userId}"] = channelId;
        }
    }
}
