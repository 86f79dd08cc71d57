using Microsoft.Extensions.Logging;
using NodaTime;
using SalesBot.Conversations.Ports;

namespace SalesBot.Conversations.Outbox;

/// <summary>
/// Delivers due outbox messages through the messenger of the recipient's channel. Each message is
/// leased with a conditional write before it is sent, so two instances never send the same one.
/// Throttling and transient failures are retried with backoff; a recipient that cannot be reached is
/// given up on after <see cref="MaxAttempts"/>, and a post with nowhere to go is dead-lettered after
/// <see cref="DeliveryPolicy.UndeliverableAfter"/>, so the outbox never clogs.
/// </summary>
public sealed partial class OutboxDispatcher(
    IOutbox outbox,
    IConversationReferenceStore references,
    IEnumerable<IChannelMessenger> messengers,
    IEnumerable<IDeliveryCheck> checks,
    DeliveryPolicy policy,
    IClock clock,
    ILogger<OutboxDispatcher> logger)
{
    public const int MaxAttempts = 8;
    private const int BatchSize = 50;
    private readonly Dictionary<string, IChannelMessenger> _messengers = messengers.ToDictionary(m => m.Channel, StringComparer.OrdinalIgnoreCase);
    private readonly Lock _lock = new();
    private readonly List<Instant> _putBack = [];

    /// <summary>
    /// When each message this dispatcher put back (a retry, a rate-limit wait, quiet hours) comes due again.
    /// The outbox job wakes then instead of at its next sweep.
    /// </summary>
    public IReadOnlyList<Instant> PutBack
    {
        get
        {
            lock (_lock)
            {
                return [.. _putBack];
            }
        }
    }

    /// <summary>
    /// Sends what is due now, up to <see cref="DeliveryPolicy.MaxConcurrentSends"/> at once, claiming the next
    /// batch before the workers run dry (a morning's fan-out never waits for the slowest send of a batch);
    /// stops once a claim comes back short and everything claimed is done. Returns how many were sent.
    /// </summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken = default)
    {
        var concurrency = Math.Max(1, policy.MaxConcurrentSends);
        var batchSize = Math.Max(BatchSize, 2 * concurrency);
        var waiting = new Queue<(OutboxLease Lease, Instant LeaseEnd)>();
        var running = new List<Task<bool>>();
        var sent = 0;
        var more = true;
        while (true)
        {
            if (more && waiting.Count < concurrency)
            {
                var now = clock.GetCurrentInstant();
                var leaseEnd = now + policy.Lease;
                var leases = await outbox.ClaimDueAsync(now, policy.Owner, leaseEnd, batchSize, cancellationToken);
                foreach (var lease in leases)
                {
                    waiting.Enqueue((lease, leaseEnd));
                }

                more = leases.Count == batchSize;
            }

            while (running.Count < concurrency && waiting.TryDequeue(out var next))
            {
                running.Add(DispatchAsync(next.Lease, next.LeaseEnd, cancellationToken));
            }

            if (running.Count == 0)
            {
                return sent;
            }

            var done = await Task.WhenAny(running);
            running.Remove(done);
            sent += await done ? 1 : 0;
        }
    }

    /// <summary>One leased message: sent (true), or its outcome recorded for later.</summary>
    private async Task<bool> DispatchAsync(OutboxLease lease, Instant leaseEnd, CancellationToken cancellationToken)
    {
        if (clock.GetCurrentInstant() + policy.SendBudget > leaseEnd)
        {
            // Too little lease left to finish a send: hand it back untouched, and give back the attempt the lease counted.
            await outbox.CompleteAsync(lease, lease.Message with
            {
                NextAttemptAt = clock.GetCurrentInstant(), LeaseOwner = null, Attempts = lease.Message.Attempts - 1,
            }, cancellationToken);
            return false;
        }

        var outcome = await AttemptAsync(lease.Message, cancellationToken);
        if (!await outbox.CompleteAsync(lease, outcome, cancellationToken))
        {
            // The lease ran out while sending and another dispatcher took the message over.
            LogLeaseLost(logger, lease.Message.Key);
            return false;
        }

        if (outcome.Status == OutboxStatus.Pending)
        {
            lock (_lock)
            {
                _putBack.Add(outcome.NextAttemptAt);
            }
        }

        return outcome.Status == OutboxStatus.Sent;
    }

    private async Task<OutboxMessage> AttemptAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var attempts = message.Attempts; // counted when it was leased
        if (attempts > MaxAttempts)
        {
            // Leased again and again without an outcome: sending it kills the process (a poison message).
            var poison = $"Leased {attempts - 1} times without an outcome; the process sending it may have crashed each time.";
            LogDeadLettered(logger, message.Key, poison);
            return Finished(message, OutboxStatus.DeadLettered, poison);
        }

        if (message.ExpiresAt is { } expires && expires <= clock.GetCurrentInstant())
        {
            var reason = $"Expired at {expires} before it could be sent.";
            LogWithdrawn(logger, message.Key, reason);
            return Finished(message, OutboxStatus.Withdrawn, reason);
        }

        foreach (var check in checks)
        {
            var decision = await check.DecideAsync(message, cancellationToken);
            if (decision.Message is { } rebuilt)
            {
                message = message with { Message = rebuilt }; // what goes out, and what is recorded as sent
            }

            switch (decision.Verdict)
            {
                case DeliveryVerdict.Withdraw:
                    LogWithdrawn(logger, message.Key, decision.Reason ?? "No longer wanted.");
                    return Finished(message, OutboxStatus.Withdrawn, decision.Reason);
                case DeliveryVerdict.Hold:
                    // Waiting for the right moment is not a failed attempt: give back the one this lease counted.
                    LogHeld(logger, message.Key, decision.Until, decision.Reason);
                    return message with { NextAttemptAt = decision.Until ?? clock.GetCurrentInstant(), LastError = decision.Reason, LeaseOwner = null, Attempts = attempts - 1 };
            }
        }

        var reference = await references.FindAsync(message.RecipientKind, message.RecipientId, cancellationToken);
        if (reference is null)
        {
            var waited = clock.GetCurrentInstant() - message.CreatedAt;
            if (waited >= policy.UndeliverableAfter)
            {
                var reason = message.RecipientKind == RecipientKind.Team
                    ? $"Team {message.RecipientId} has no channel with SalesBot in it."
                    : $"Member {message.RecipientId} has no chat with SalesBot.";
                LogDeadLettered(logger, message.Key, reason);
                return Finished(message, OutboxStatus.DeadLettered, reason);
            }

            // The person may open a chat, or the team add the bot to a channel, soon: wait, quietly.
            return message with
            {
                NextAttemptAt = clock.GetCurrentInstant() + Duration.Min(Backoff(attempts), policy.UndeliverableAfter - waited),
                LastError = "No conversation yet.",
                LeaseOwner = null,
            };
        }

        var result = await DeliverAsync(reference, message, cancellationToken);
        switch (result.Status)
        {
            case DeliveryStatus.Sent:
                return Finished(message, OutboxStatus.Sent, null) with
                {
                    SentAt = clock.GetCurrentInstant(),
                    Sent = new SentMessage(reference.ConversationId, result.MessageId),
                };
            case DeliveryStatus.RetryLater when result.NotAttempted:
                // This instance's share of the channel's rate limit was spent: nothing was sent, so no attempt is used up.
                LogThrottled(logger, message.Key, result.RetryAfter);
                return message with
                {
                    NextAttemptAt = clock.GetCurrentInstant() + (result.RetryAfter ?? Duration.FromSeconds(1)),
                    LastError = result.Error,
                    LeaseOwner = null,
                    Attempts = attempts - 1,
                };
            case DeliveryStatus.RetryLater when attempts < MaxAttempts:
                LogRetrying(logger, message.Key, attempts, result.Error);
                return message with
                {
                    NextAttemptAt = clock.GetCurrentInstant() + (result.RetryAfter ?? Backoff(attempts)),
                    LastError = result.Error,
                    LeaseOwner = null,
                };
            default:
                LogFailed(logger, message.Key, attempts, result.Error);
                return Finished(message, OutboxStatus.Failed, result.Error);
        }
    }

    // Attempts were counted when the message was leased.
    private static OutboxMessage Finished(OutboxMessage message, OutboxStatus status, string? error) =>
        message with { Status = status, LastError = error, LeaseOwner = null };

    private async Task<DeliveryResult> DeliverAsync(ConversationReference reference, OutboxMessage message, CancellationToken cancellationToken)
    {
        if (!_messengers.TryGetValue(reference.Channel, out var messenger))
        {
            return DeliveryResult.Reject($"No messenger for channel '{reference.Channel}'.");
        }

        try
        {
            // Attempts are counted at lease time: more than one means an earlier lease may have sent it and died before recording.
            var delivery = new OutboxDelivery(reference, message.Message, message.Key, MayHaveBeenSent: message.Attempts > 1);
            return await messenger.SendAsync(delivery, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return DeliveryResult.Retry(Backoff(message.Attempts), ex.Message);
        }
    }

    /// <summary>Exponential backoff: 30 s, 1 min, 2 min … capped at 1 hour.</summary>
    public static Duration Backoff(int attempt) =>
        Duration.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Max(0, attempt - 1))));

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Outbox message {Key} failed after {Attempts} attempts: {Error}")]
    private static partial void LogFailed(ILogger logger, string key, int attempts, string? error);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Outbox message {Key} dead-lettered: {Reason}")]
    private static partial void LogDeadLettered(ILogger logger, string key, string reason);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Debug, Message = "Outbox message {Key} will be retried (attempt {Attempts}): {Error}")]
    private static partial void LogRetrying(ILogger logger, string key, int attempts, string? error);

    [LoggerMessage(EventId = 1107, Level = LogLevel.Debug, Message = "Outbox message {Key} waits {RetryAfter} for a rate-limit permit")]
    private static partial void LogThrottled(ILogger logger, string key, Duration? retryAfter);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Information, Message = "Outbox message {Key} withdrawn: {Reason}")]
    private static partial void LogWithdrawn(ILogger logger, string key, string reason);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Debug, Message = "Outbox message {Key} held until {Until}: {Reason}")]
    private static partial void LogHeld(ILogger logger, string key, Instant? until, string? reason);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Information, Message = "Outbox message {Key}: lease lost to another dispatcher")]
    private static partial void LogLeaseLost(ILogger logger, string key);
}
