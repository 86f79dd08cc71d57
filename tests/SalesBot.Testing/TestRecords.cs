using NodaTime;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;

namespace SalesBot.Testing;

/// <summary>The small records store and engine tests need again and again, on the test channel and tenant.</summary>
public static class TestRecords
{
    /// <summary>A 1:1 message from <paramref name="userId"/>, as a channel adapter hands it to the engine.</summary>
    public static InboundEvent Message(string userId, string text, Instant at, string? eventId = null) => new()
    {
        Channel = TestData.Channel,
        TenantId = TestData.Tenant,
        UserId = userId,
        UserName = userId,
        ConversationId = "dm-" + userId,
        Timestamp = at,
        EventId = eventId ?? Guid.NewGuid().ToString("N"),
        Text = text,
    };

    /// <summary>Where to reach <paramref name="memberId"/> in their 1:1 chat.</summary>
    public static ConversationReference DirectChat(string memberId, Instant at) =>
        Conversation(RecipientKind.Member, memberId, "dm-" + memberId, at);

    /// <summary>Where the team's wins are posted.</summary>
    public static ConversationReference TeamChannel(string teamId, Instant at) =>
        Conversation(RecipientKind.Team, teamId, "channel-" + teamId, at);

    /// <summary>A member's 1:1 chat or a team's channel on the test channel and tenant.</summary>
    public static ConversationReference Conversation(RecipientKind kind, string ownerId, string conversationId, Instant at) => new()
    {
        OwnerKind = kind,
        OwnerId = ownerId,
        Channel = TestData.Channel,
        TenantId = TestData.Tenant,
        ConversationId = conversationId,
        Scope = kind == RecipientKind.Member ? ConversationScope.Personal : ConversationScope.Channel,
        UserId = kind == RecipientKind.Member ? ownerId : null,
        UpdatedAt = at,
    };

    /// <summary>A post to the test team's channel, due at <paramref name="due"/>.</summary>
    public static OutboxMessage TeamPost(string key, Instant due, string text = "hello") => new()
    {
        Key = key,
        RecipientKind = RecipientKind.Team,
        RecipientId = TestData.TeamId,
        Message = OutboundMessage.Plain(text),
        CreatedAt = due,
        NextAttemptAt = due,
    };
}
