using Microsoft.Azure.Cosmos;

namespace SalesBot.Storage.Cosmos;

/// <summary>
/// Names a request from its REST shape (verb, address, headers): the SDK keeps its operation type
/// internal. Item requests address <c>dbs/{db}/colls/{c}/docs/{id}</c>; creates, upserts, queries,
/// batches and the change feed address the container <c>dbs/{db}/colls/{c}</c> and differ by header.
/// </summary>
internal static class CosmosRequestClassifier
{
    public static CosmosOperationKind Kind(RequestMessage request)
    {
        var segments = Segments(request.RequestUri);
        var method = request.Method.Method;
        if (segments.Length == 6 && segments[4] == "docs")
        {
            return method switch
            {
                "GET" => CosmosOperationKind.PointRead,
                "PUT" => CosmosOperationKind.Replace,
                "PATCH" => CosmosOperationKind.Patch,
                "DELETE" => CosmosOperationKind.Delete,
                _ => CosmosOperationKind.Metadata,
            };
        }

        if (segments.Length != 4 || segments[2] != "colls")
        {
            return CosmosOperationKind.Metadata;
        }

        return method switch
        {
            // The query plan is asked of the gateway before a query it cannot run directly.
            "POST" when IsTrue(request, "x-ms-cosmos-is-query-plan-request") => CosmosOperationKind.Metadata,
            "POST" when IsTrue(request, "x-ms-documentdb-isquery") => CosmosOperationKind.Query,
            "POST" when IsTrue(request, "x-ms-documentdb-is-upsert") => CosmosOperationKind.Upsert,
            "POST" when IsTrue(request, "x-ms-cosmos-is-batch-request") => CosmosOperationKind.Batch,
            "POST" => CosmosOperationKind.Create,
            "GET" when request.Headers["A-IM"] is not null => CosmosOperationKind.ChangeFeed,
            // A container read and an item read feed look alike; the stores use neither on a hot path.
            _ => CosmosOperationKind.Metadata,
        };
    }

    /// <summary>The container id in <c>dbs/{db}/colls/{container}/...</c>, or empty.</summary>
    public static string Container(Uri? requestUri)
    {
        var segments = Segments(requestUri);
        return segments.Length >= 4 && segments[2] == "colls" ? Uri.UnescapeDataString(segments[3]) : string.Empty;
    }

    private static string[] Segments(Uri? requestUri)
    {
        var path = requestUri is null ? string.Empty : requestUri.IsAbsoluteUri ? requestUri.AbsolutePath : requestUri.OriginalString;
        return path.Split('/', StringSplitOptions.RemoveEmptyEntries);
    }

    private static bool IsTrue(RequestMessage request, string header) =>
        string.Equals(request.Headers[header], "true", StringComparison.OrdinalIgnoreCase);
}
