using Microsoft.Extensions.Options;
using NodaTime;
using SalesBot.Channels.Http.Charts;
using SalesBot.Channels.Teams.Activities;
using SalesBot.Channels.Teams.Cards;
using SalesBot.Channels.Teams.Connector;
using SalesBot.Channels.Teams.Hosting;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;

namespace SalesBot.Channels.Teams;

/// <summary>
/// Proactive messages and team-channel posts for the outbox dispatcher. A personal reference
/// without a conversation id (a member known from a roster but never spoken to) gets its 1:1
/// conversation created first, and remembered through the store writer.
/// </summary>
public sealed class TeamsMessenger(
    ConnectorClient connector,
    IStoreWriter writer,
    IOptions<TeamsOptions> options,
    IClock clock,
    ChartLinks? charts = null) : IChannelMessenger
{
    /// <summary>When a transient failure carried no <c>Retry-After</c>.</summary>

    public string Channel => Conversations.Messages.Channels.Teams;

    /// <remarks>
    /// Teams gives bots no way to read a conversation's history, so <see cref="OutboxDelivery.MayHaveBeenSent"/>
    /// cannot be checked here: a send that crashed after Teams accepted it is sent again.
    /// </remarks>
    public async Task<DeliveryResult> SendAsync(OutboxDelivery delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var (to, message) = (delivery.To, delivery.Message);
        if (to.Property(ActivityMapper.ServiceUrlProperty) is not { Length: > 0 } serviceUrl)
        {
            return DeliveryResult.Reject($"Reference for {to.OwnerKind} {to.OwnerId} has no serviceUrl.");
        }

        var botId = to.Property(ActivityMapper.BotIdProperty) ?? (options.Value.HasAppId ? "28:" + options.Value.AppId : null);
        var conversationId = to.ConversationId;
        if (string.IsNullOrWhiteSpace(conversationId))
        {
            if (to.Scope != ConversationScope.Personal || to.UserId is null || botId is null)
            {
                return DeliveryResult.Reject($"Reference for {to.OwnerKind} {to.OwnerId} has no conversation and cannot create one.");
            }

            var created = await connector.CreatePersonalConversationAsync(serviceUrl, botId, to.UserId, to.TenantId, cancellationToken);
            if (!created.IsOk || created.ConversationId is null)
            {
                return ToDelivery(created);
            }

            conversationId = created.ConversationId;
            var remembered = to with { ConversationId = conversationId, UpdatedAt = clock.GetCurrentInstant() };
            await writer.CommitAsync(changes => changes.PutConversation(remembered), cancellationToken);
        }

        var activity = ActivityMapper.ToActivity(message, CardActionStyle.Execute, charts is null ? null : charts.UrlFor);
        activity.From = botId is null ? null : new ChannelAccount { Id = botId, Name = to.Property(ActivityMapper.BotNameProperty) };
        activity.Conversation = new ConversationAccount
        {
            Id = conversationId,
            ConversationType = to.Scope == ConversationScope.Channel ? "channel" : "personal",
            IsGroup = to.Scope != ConversationScope.Personal,
            TenantId = to.TenantId,
        };
        if (to.UserId is { } userId)
        {
            activity.Recipient = new ChannelAccount { Id = userId };
        }

        var sent = await connector.SendProactiveAsync(serviceUrl, conversationId, activity, cancellationToken);
        return ToDelivery(sent);
    }

    private static DeliveryResult ToDelivery(ConnectorResult result) => result.Outcome switch
    {
        ConnectorOutcome.Ok => DeliveryResult.SentAs(result.Id), // the activity id: a kudos press on a post is checked against it
        ConnectorOutcome.RetryLater when result.LimitedHere =>
            DeliveryResult.Throttled(Duration.FromTimeSpan(result.RetryAfter ?? TimeSpan.FromSeconds(1)), result.Error ?? "Teams rate limit reached."),
        ConnectorOutcome.RetryLater => DeliveryResult.Retry(result.RetryAfter is { } after ? Duration.FromTimeSpan(after) : null, result.Error ?? "Try again later."),
        _ => DeliveryResult.Reject(result.Error ?? "Rejected by the connector."),
    };
}
