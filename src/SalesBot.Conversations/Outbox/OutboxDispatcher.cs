using Microsoft.Extensions.Logging;
using NodaTime;
using SalesBot.Conversations.Ports;

namespace SalesBot.Conversations.Outbox;

/// <summary>
/// Delivers due outbox messages through the messenger of the recipient's channel. Throttling and
/// transient failures are retried with backoff; a recipient that cannot be reached is given up on
/// after <see cref="MaxAttempts"/> so the outbox never clogs.
/// </summary>
public sealed partial class OutboxDispatcher(
    IOutbox outbox,
    IConversationReferenceStore references,
    IEnumerable<IChannelMessenger> messengers,
    IClock clock,
    ILogger<OutboxDispatcher> logger)
{
    public const int MaxAttempts = 8;
    private static readonly Duration Lease = Duration.FromMinutes(2);
    private readonly Dictionary<string, IChannelMessenger> _messengers = messengers.ToDictionary(m => m.Channel, StringComparer.OrdinalIgnoreCase);

    /// <summary>Sends what is due now; returns how many were sent.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetCurrentInstant();
        var due = await outbox.ClaimDueAsync(now, now + Lease, 50, cancellationToken);
        var sent = 0;
        foreach (var message in due)
        {
            var result = await DeliverAsync(message, cancellationToken);
            var attempts = message.Attempts + 1;
            var updated = result.Status switch
            {
                DeliveryStatus.Sent => message with { Status = OutboxStatus.Sent, Attempts = attempts, SentAt = clock.GetCurrentInstant(), LastError = null },
                DeliveryStatus.RetryLater when attempts < MaxAttempts => message with
                {
                    Attempts = attempts,
                    NextAttemptAt = clock.GetCurrentInstant() + (result.RetryAfter ?? Backoff(attempts)),
                    LastError = result.Error,
                },
                _ => message with { Status = OutboxStatus.Failed, Attempts = attempts, LastError = result.Error },
            };
            await outbox.UpdateAsync(updated, cancellationToken);
            if (updated.Status == OutboxStatus.Sent)
            {
                sent++;
            }
            else
            {
                LogNotSent(logger, message.Key, updated.Status, result.Error);
            }
        }

        return sent;
    }

    private async Task<DeliveryResult> DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var reference = await references.FindAsync(message.RecipientKind, message.RecipientId, cancellationToken);
        if (reference is null)
        {
            // The person may install the app later; keep trying for a while.
            return DeliveryResult.Retry(Backoff(message.Attempts + 1), $"No conversation with {message.RecipientKind} {message.RecipientId} yet.");
        }

        if (!_messengers.TryGetValue(reference.Channel, out var messenger))
        {
            return DeliveryResult.Reject($"No messenger for channel '{reference.Channel}'.");
        }

        try
        {
            return await messenger.SendAsync(reference, message.Message, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return DeliveryResult.Retry(Backoff(message.Attempts + 1), ex.Message);
        }
    }

    /// <summary>Exponential backoff: 30 s, 1 min, 2 min … capped at 1 hour.</summary>
    public static Duration Backoff(int attempt) =>
        Duration.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Max(0, attempt - 1))));

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Outbox message {Key} not sent ({Status}): {Error}")]
    private static partial void LogNotSent(ILogger logger, string key, OutboxStatus status, string? error);
}
