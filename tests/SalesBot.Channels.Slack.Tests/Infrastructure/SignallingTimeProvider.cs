using Microsoft.Extensions.Time.Testing;

namespace SalesBot.Channels.Slack.Tests.Infrastructure;

/// <summary>
/// A fake clock that says when code starts waiting on it, so a test can advance time exactly when
/// something is waiting (a Retry-After, a rate limit) instead of sleeping.
/// </summary>
public sealed class SignallingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private TaskCompletionSource _waiting = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public List<TimeSpan> Waits { get; } = [];

    private readonly List<(TimeSpan DueTime, TaskCompletionSource Done)> _waitersFor = [];

    /// <summary>Completes (bounded) when a timer due in <paramref name="dueTime"/> has been created.</summary>
    public Task WhenWaitingAsync(TimeSpan dueTime)
    {
        lock (Waits)
        {
            if (Waits.Contains(dueTime))
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waitersFor.Add((dueTime, done));
            return done.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>Completes when the next timer is created.</summary>
    public Task WhenWaitingAsync() => Volatile.Read(ref _waiting).Task.WaitAsync(TimeSpan.FromSeconds(10));

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        lock (Waits)
        {
            Waits.Add(dueTime);
            foreach (var waiter in _waitersFor.Where(w => w.DueTime == dueTime).ToList())
            {
                waiter.Done.TrySetResult();
                _waitersFor.Remove(waiter);
            }
        }

        Interlocked.Exchange(ref _waiting, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        return timer;
    }
}
