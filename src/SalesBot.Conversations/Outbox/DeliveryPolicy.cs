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
    public Duration Lease { get; init; } = Duration.FromMinutes(5);

    /// <summary>
    /// The longest one send can take, inline retries and per-attempt timeouts included (3 × 10 s, two
    /// waits of at most 3 s, a Slack history check). A leased message is only started with at least this
    /// much of its lease left; the rest of the batch goes back for the next run, so no send outlives its lease.
    /// </summary>
    public Duration SendBudget { get; init; } = Duration.FromSeconds(90);

    /// <summary>
    /// How many leased messages one dispatcher sends at once. One sends them in key order; more keep every
    /// tenant's rate-limit budget busy during a fan-out (the Host sets <c>Scheduling:OutboxConcurrency</c>).
    /// </summary>
    public int MaxConcurrentSends { get; init; } = 1;

    /// <summary>This process, as a lease owner: another instance's dispatcher has another name.</summary>
    public string Owner { get; init; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
}
