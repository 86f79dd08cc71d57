using Microsoft.Extensions.Options;
using SalesBot.Channels.Http;

namespace SalesBot.Channels.Teams.Connector;

/// <summary>
/// One connector call, as the rate limits see it: the conversation it writes to, and for proactive calls
/// the tenant (null for a turn's own reply, which the tenant budget does not hold up; see <see cref="TeamsRateLimits"/>).
/// </summary>
public readonly record struct TeamsSend(string Conversation, string? Tenant);

/// <summary>
/// Teams' limits for a bot, as chained sliding windows on the injected clock: per conversation 7 sends
/// a second, 8 per 2 seconds, 60 per 30 seconds and 1,800 an hour, and 50 requests a second per tenant.
/// The tenant budget paces proactive fan-out (prompts, posts) only: a reply answers someone who just wrote
/// and is limited per conversation, so a morning's fan-out never makes a person wait for their answer,
/// and a 429 from Teams is still honoured for both.
/// Each instance holds its own windows, so every limit is this instance's share
/// (<see cref="DeliveryOptions.Share"/>: divided by <c>Delivery:InstanceCount</c>, at least one).
/// </summary>
public sealed class TeamsRateLimits : IDisposable
{
    public static readonly IReadOnlyList<(TimeSpan Window, int Limit)> PerConversation =
    [
        (TimeSpan.FromSeconds(1), 7),
        (TimeSpan.FromSeconds(2), 8),
        (TimeSpan.FromSeconds(30), 60),
        (TimeSpan.FromHours(1), 1800),
    ];

    public static readonly (TimeSpan Window, int Limit) PerTenant = (TimeSpan.FromSeconds(1), 50);

    private readonly WindowRateLimits<TeamsSend> _limits;

    public TeamsRateLimits(TimeProvider time, IOptions<DeliveryOptions> delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var share = delivery.Value;
        var windows = PerConversation
            .Select(w => new RateWindow<TeamsSend>($"conversation/{w.Window.TotalSeconds}s", s => s.Conversation, share.Share(w.Limit), w.Window))
            // Held a little longer than Teams' second (Delivery:WindowMarginMilliseconds): Teams counts on arrival.
            .Append(new RateWindow<TeamsSend>("tenant/1s", s => s.Tenant, share.Share(PerTenant.Limit), PerTenant.Window + share.WindowMargin))
            // Shortest windows first: a refusal further on spends the permits already taken, and those refill soonest.
            // The tenant's second before the conversation's: a proactive send waiting its turn in a fan-out is refused
            // by the tenant again and again, and must not spend its conversation's permits (a reply there needs them).
            .OrderBy(w => w.Name.StartsWith("tenant/", StringComparison.Ordinal) ? TimeSpan.FromSeconds(1) : w.Length)
            .ThenBy(w => w.Name.StartsWith("tenant/", StringComparison.Ordinal) ? 0 : 1);
        _limits = new WindowRateLimits<TeamsSend>(windows, time);
    }

    /// <summary>Partitions held (a conversation or tenant per window); idle ones are dropped in the background.</summary>
    internal int Partitions => _limits.Partitions;

    internal Task WhenPartitionsAtMostAsync(int atMost) => _limits.WhenPartitionsAtMostAsync(atMost);

    /// <summary>Null once a send may go (after waiting up to <paramref name="maxWait"/>), else how long until it could.</summary>
    public Task<TimeSpan?> AcquireAsync(TeamsSend send, TimeSpan maxWait, CancellationToken cancellationToken) =>
        _limits.AcquireAsync(send, maxWait, cancellationToken);

    public void Dispose() => _limits.Dispose();
}
