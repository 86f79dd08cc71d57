using System.Threading.Channels;

namespace SalesBot.Channels.Slack.Work;

/// <summary>
/// Work left over after a Slack request was acknowledged (running a turn, posting replies,
/// publishing App Home). Bounded: when it is full the request is refused with 503 and Slack retries.
/// <see cref="WhenIdleAsync"/> completes when nothing is queued or running, which is how tests wait
/// for the background to finish without sleeping.
/// </summary>
public sealed class SlackBackgroundWork
{
    public const int Capacity = 1000;

    private readonly Channel<WorkItem> _items = Channel.CreateBounded<WorkItem>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = false,
    });

    private readonly Lock _gate = new();
    private int _pending;
    private TaskCompletionSource _idle = Idle();

    internal ChannelReader<WorkItem> Reader => _items.Reader;

    /// <summary>Queues <paramref name="work"/>, run later in its own DI scope; false when the queue is full.</summary>
    public bool TryEnqueue(string name, Func<IServiceProvider, CancellationToken, Task> work)
    {
        Started();
        if (_items.Writer.TryWrite(new WorkItem(name, work)))
        {
            return true;
        }

        Finished();
        return false;
    }

    /// <summary>Counts work already running (a turn that outlived the request's inline budget) until it ends.</summary>
    public void Track(Task running)
    {
        ArgumentNullException.ThrowIfNull(running);
        Started();
        running.ContinueWith(_ => Finished(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Completes once no work is queued or running.</summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return _idle.Task.WaitAsync(cancellationToken);
        }
    }

    internal void Finished()
    {
        lock (_gate)
        {
            if (--_pending == 0)
            {
                _idle.TrySetResult();
            }
        }
    }

    private void Started()
    {
        lock (_gate)
        {
            if (_pending++ == 0)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    private static TaskCompletionSource Idle()
    {
        var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        idle.SetResult();
        return idle;
    }

    internal sealed record WorkItem(string Name, Func<IServiceProvider, CancellationToken, Task> Run);
}
