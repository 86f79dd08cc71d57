using System.Collections.Concurrent;

namespace SalesBot.Storage.Cosmos;

/// <summary>The operations recorded by one <see cref="CosmosOperationCounter.Measure"/> scope.</summary>
public sealed class CosmosOperationLog : IDisposable
{
    private readonly ConcurrentQueue<CosmosOperation> _operations = new();
    private readonly CosmosOperationLog? _outer;
    private readonly Action<CosmosOperationLog?> _restore;

    internal CosmosOperationLog(CosmosOperationLog? outer, Action<CosmosOperationLog?> restore)
    {
        _outer = outer;
        _restore = restore;
    }

    public IReadOnlyList<CosmosOperation> Operations => [.. _operations];

    /// <summary>Operations on items (everything but <see cref="CosmosOperationKind.Metadata"/>).</summary>
    public IReadOnlyList<CosmosOperation> ItemOperations => [.. _operations.Where(o => o.Kind != CosmosOperationKind.Metadata)];

    public double RequestCharge => _operations.Sum(o => o.RequestCharge);

    internal void Add(CosmosOperation operation)
    {
        _operations.Enqueue(operation);
        _outer?.Add(operation);
    }

    public void Dispose() => _restore(_outer);
}
