using SalesBot.Conversations.Ports;

namespace SalesBot.Testing;

/// <summary>Passes commits through to the real writer and keeps what each one held, to count writes.</summary>
public sealed class CountingStoreWriter(IStoreWriter inner, List<ChangeSet> commits) : IStoreWriter
{
    public async Task CommitAsync(ChangeSet changes, CancellationToken cancellationToken = default)
    {
        await inner.CommitAsync(changes, cancellationToken);
        lock (commits)
        {
            commits.Add(changes);
        }
    }
}

public static class ChangeSetCounting
{
    /// <summary>How many changes of kind <typeparamref name="TChange"/> were committed.</summary>
    public static int CountOf<TChange>(this IEnumerable<ChangeSet> commits)
        where TChange : Change =>
        commits.Sum(c => c.Changes.OfType<TChange>().Count());
}
