using Microsoft.Azure.Cosmos;

namespace SalesBot.Storage.Cosmos;

/// <summary>
/// The one way stores query: inside one partition, with the partition key also in the WHERE clause,
/// run directly on that partition (no query-plan round trip) and bounded by the query's own TOP.
/// </summary>
public static class CosmosQuery
{
    public static async Task<IReadOnlyList<T>> ListAsync<T>(
        Container container, string partitionKey, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(container);
        var query = new QueryDefinition(sql).WithParameter("@pk", partitionKey);
        foreach (var (name, value) in parameters)
        {
            query = query.WithParameter(name, value);
        }

        var options = new QueryRequestOptions
        {
            PartitionKey = new PartitionKey(partitionKey),
            // Direct execution on the one partition: one request instead of query plan + query.
            EnableOptimisticDirectExecution = true,
        };
        var results = new List<T>();
        using var iterator = container.GetItemQueryIterator<T>(query, requestOptions: options);
        while (iterator.HasMoreResults)
        {
            results.AddRange(await iterator.ReadNextAsync(cancellationToken));
        }

        return results;
    }
}
