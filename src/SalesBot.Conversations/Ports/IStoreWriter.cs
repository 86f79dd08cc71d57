namespace SalesBot.Conversations.Ports;

/// <summary>Commits a <see cref="ChangeSet"/>: the only way anything is written.</summary>
public interface IStoreWriter
{
    /// <summary>
    /// Applies every change, in order. Throws <see cref="StoreConflictException"/> when a change's
    /// <see cref="Expect"/> does not hold; on SQLite nothing of the set is then written, on Cosmos DB
    /// the writes before it may be, and a re-run with fresh reads completes the rest.
    /// </summary>
    Task CommitAsync(ChangeSet changes, CancellationToken cancellationToken = default);
}

public static class StoreWriterExtensions
{
    /// <summary>Commits the changes <paramref name="stage"/> makes, for work outside a turn (seeding, installs).</summary>
    public static Task CommitAsync(this IStoreWriter writer, Action<ChangeSet> stage, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(stage);
        var changes = new ChangeSet();
        stage(changes);
        return writer.CommitAsync(changes, cancellationToken);
    }
}
