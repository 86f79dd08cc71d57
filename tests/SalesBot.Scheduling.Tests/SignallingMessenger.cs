using System.Collections.Concurrent;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;

namespace SalesBot.Scheduling.Tests;

/// <summary>Records sends from the scheduler's threads and lets a test await the n-th one (bounded), instead of sleeping.</summary>
public sealed class SignallingMessenger(string channel) : IChannelMessenger
{
    private readonly ConcurrentQueue<(ConversationReference To, OutboundMessage Message)> _sent = new();
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<(int Count, TaskCompletionSource Reached)> _waiters = new();

    public string Channel { get; } = channel;

    public IReadOnlyList<(ConversationReference To, OutboundMessage Message)> Sent => [.. _sent];

    public Task<DeliveryResult> SendAsync(OutboxDelivery delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        _sent.Enqueue((delivery.To, delivery.Message));
        _first.TrySetResult();
        foreach (var (count, reached) in _waiters)
        {
            if (_sent.Count >= count)
            {
                reached.TrySetResult();
            }
        }

        return Task.FromResult(DeliveryResult.Sent);
    }

    public Task FirstSendAsync(TimeSpan timeout) => _first.Task.WaitAsync(timeout);

    /// <summary>Completes once <paramref name="count"/> messages have been sent in all.</summary>
    public Task SendsAsync(int count, TimeSpan timeout)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.Enqueue((count, reached));
        if (_sent.Count >= count)
        {
            reached.TrySetResult();
        }

        return reached.Task.WaitAsync(timeout);
    }
}
