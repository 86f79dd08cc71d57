using Microsoft.Extensions.Caching.Memory;
using SalesBot.Conversations.Caching;
using SalesBot.Channels.Slack.WebApi;

namespace SalesBot.Channels.Slack.Members;

/// <summary>
/// The bot's direct-message channel with each member (<c>conversations.open</c>, remembered). A DM
/// channel never changes, but only members seen in the last day are kept, up to a bound: a forgotten
/// one costs one more <c>conversations.open</c>.
/// </summary>
public sealed class SlackDirectChannels : IDisposable
{
    public const int DefaultMaxEntries = 10_000;
    private static readonly TimeSpan KeepIdle = TimeSpan.FromDays(1);

    private readonly SlackApiClient _api;
    private readonly MemoryCache _channels;

    public SlackDirectChannels(SlackApiClient api, TimeProvider time)
        : this(api, time, DefaultMaxEntries)
    {
    }

    internal SlackDirectChannels(SlackApiClient api, TimeProvider time, int maxEntries)
    {
        _api = api;
        _channels = BoundedCache.Create(time, maxEntries);
    }

    internal int Count => _channels.Count;

    public static bool IsDirect(string? channelId) => channelId is { Length: > 0 } && channelId[0] == 'D';

    public async Task<string> GetAsync(string teamId, string userId, CancellationToken cancellationToken)
    {
        var key = Key(teamId, userId);
        if (_channels.TryGetValue(key, out string? channel) && channel is not null)
        {
            return channel;
        }

        channel = await _api.OpenConversationAsync(teamId, userId, cancellationToken);
        _channels.Set(key, channel, BoundedCache.IdleFor(KeepIdle));
        return channel;
    }

    /// <summary>Remembers a DM channel seen in an event, saving a <c>conversations.open</c> later.</summary>
    public void Remember(string teamId, string userId, string channelId)
    {
        if (IsDirect(channelId))
        {
            _channels.Set(Key(teamId, userId), channelId, BoundedCache.IdleFor(KeepIdle));
        }
    }

    /// <summary>The remembered DM channel, if any (without asking Slack).</summary>
    internal string? Find(string teamId, string userId) => _channels.TryGetValue(Key(teamId, userId), out string? channel) ? channel : null;

    public void Dispose() => _channels.Dispose();

    private static string Key(string teamId, string userId) => $"{teamId}|{userId}";
}
