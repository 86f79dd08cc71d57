using NodaTime;

namespace SalesBot.Conversations.Outbox;

/// <summary>How the dispatcher treats posts it cannot deliver, and who it is when it leases them.</summary>
public sealed record DeliveryPolicy
{
    /// <summary>
    /// A post with nowhere to go (a team that has not added the bot to a channel, a member who never
    /// opened a chat) waits this long for that to change, then is dead-lettered with its reason.
    /// </summary>
    public Duration UndeliverableAfter { get; init; } = Duration.FromMinutes(15);

    /// <summary>How long a leased message is this dispatcher's to send before another may take it over.</summary>
    public Duration Lease { get; init; } = Duration.FromMinutes(2);

    /// <summary>This process, as a lease owner: another instance's dispatcher has another name.</summary>
    public string Owner { get; init; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
}
