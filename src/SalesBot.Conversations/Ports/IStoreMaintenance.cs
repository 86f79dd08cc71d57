using NodaTime;

namespace SalesBot.Conversations.Ports;

/// <summary>Removes what has outlived its <see cref="Retention"/> (a store whose records expire by themselves does nothing).</summary>
public interface IStoreMaintenance
{
    /// <summary>Returns how many records were removed.</summary>
    Task<int> PruneAsync(Instant now, CancellationToken cancellationToken = default);
}
