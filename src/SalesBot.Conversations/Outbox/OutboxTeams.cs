using SalesBot.Conversations.Ports;

namespace SalesBot.Conversations.Outbox;

/// <summary>Which team a post belongs to, for a manager's view of their team's deliveries.</summary>
public static class OutboxTeams
{
    /// <summary>
    /// The post's <see cref="OutboxMessage.TeamId"/>, or the team whose channel it goes to; null for a
    /// post to a member queued before posts carried their team.
    /// </summary>
    public static string? TeamOf(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.TeamId ?? (message.RecipientKind == RecipientKind.Team ? message.RecipientId : null);
    }
}
