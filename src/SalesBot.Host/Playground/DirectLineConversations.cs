using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using SalesBot.Conversations.Messages;

namespace SalesBot.Host.Playground;

/// <summary>
/// The playground's Direct Line conversations, in memory. A token grants access to exactly one
/// conversation. Team channel conversations are shared by everyone who opens the channel pane.
/// </summary>
public sealed class DirectLineConversations(IOptions<PlaygroundOptions> options)
{
    private readonly ConcurrentDictionary<string, DirectLineConversation> _conversations = new();
    private readonly ConcurrentDictionary<string, string> _tokens = new();
    private readonly ConcurrentQueue<string> _order = new();
    private readonly Lock _creating = new();

    private const string TeamChannelPrefix = "team-";

    public static string TeamChannelId(string teamId) => TeamChannelPrefix + teamId;

    /// <summary>
    /// The conversation to deliver into: an open one, or a team channel, which is opened on first use
    /// (and again after an eviction; a personal conversation that is gone stays gone).
    /// </summary>
    public DirectLineConversation? FindForDelivery(string conversationId) =>
        Find(conversationId) ?? (conversationId.StartsWith(TeamChannelPrefix, StringComparison.Ordinal)
            ? GetOrAddChannel(conversationId[TeamChannelPrefix.Length..])
            : null);

    /// <summary>Starts a conversation (personal) or joins the team's channel, returning a token for it.</summary>
    public (DirectLineConversation Conversation, string Token) Open(string? teamId)
    {
        var conversation = teamId is null
            ? Add(new DirectLineConversation(NewId(), ConversationScope.Personal, options.Value.MaxActivitiesPerConversation))
            : GetOrAddChannel(teamId);
        var token = NewId() + NewId();
        _tokens[token] = conversation.Id;
        return (conversation, token);
    }

    /// <summary>
    /// The team's channel conversation. Channels count towards <see cref="PlaygroundOptions.MaxConversations"/>
    /// like personal ones (each new <c>teamId</c> makes one), so the oldest is evicted first; an evicted
    /// channel opens again, empty, on its next use.
    /// </summary>
    public DirectLineConversation GetOrAddChannel(string teamId)
    {
        var id = TeamChannelId(teamId);
        if (Find(id) is { } existing)
        {
            return existing;
        }

        lock (_creating)
        {
            return Find(id) ?? Add(new DirectLineConversation(id, ConversationScope.Channel, options.Value.MaxActivitiesPerConversation));
        }
    }

    public DirectLineConversation? Find(string conversationId) =>
        _conversations.TryGetValue(conversationId, out var c) ? c : null;

    /// <summary>The conversation a bearer token grants, if it is the one asked for (or any when none is named).</summary>
    public DirectLineConversation? Authorize(string? authorization, string? conversationId)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = authorization["Bearer ".Length..].Trim();
        if (!_tokens.TryGetValue(token, out var granted) || (conversationId is not null && granted != conversationId))
        {
            return null;
        }

        return Find(granted);
    }

    private DirectLineConversation Add(DirectLineConversation conversation)
    {
        _conversations[conversation.Id] = conversation;
        _order.Enqueue(conversation.Id);
        while (_order.Count > options.Value.MaxConversations && _order.TryDequeue(out var oldest))
        {
            _conversations.TryRemove(oldest, out _);
            foreach (var stale in _tokens.Where(t => t.Value == oldest).Select(t => t.Key).ToList())
            {
                _tokens.TryRemove(stale, out _);
            }
        }

        return conversation;
    }

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}
