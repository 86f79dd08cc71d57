using System.Collections.Concurrent;
using Microsoft.Azure.Cosmos;

namespace SalesBot.Storage.Cosmos;

/// <summary>
/// Sees every request the <see cref="CosmosClient"/> sends (a pipeline handler) and counts it by
/// kind and container with its request charge. Totals feed diagnostics; a <see cref="Measure"/>
/// scope records only the calls made in its own async flow, so a test can hold one path to a budget
/// while other tests share the client.
/// </summary>
public sealed class CosmosOperationCounter : RequestHandler
{
    private static readonly AsyncLocal<CosmosOperationLog?> CurrentLog = new();
    private readonly ConcurrentDictionary<(CosmosOperationKind Kind, string Container), Tally> _totals = new();

    /// <summary>Starts recording the operations this async flow makes until the returned log is disposed.</summary>
    public static CosmosOperationLog Measure()
    {
        var log = new CosmosOperationLog(CurrentLog.Value, static previous => CurrentLog.Value = previous);
        CurrentLog.Value = log;
        return log;
    }

    /// <summary>Operations and request units since the process started, per kind and container.</summary>
    public IReadOnlyDictionary<(CosmosOperationKind Kind, string Container), (long Count, double RequestCharge)> Totals =>
        _totals.ToDictionary(pair => pair.Key, pair => pair.Value.Read());

    public override async Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = await base.SendAsync(request, cancellationToken);
        var operation = new CosmosOperation(
            CosmosRequestClassifier.Kind(request),
            CosmosRequestClassifier.Container(request.RequestUri),
            (int)response.StatusCode,
            response.Headers.RequestCharge);
        _totals.GetOrAdd((operation.Kind, operation.Container), static _ => new Tally()).Add(operation.RequestCharge);
        CurrentLog.Value?.Add(operation);
        return response;
    }

    private sealed class Tally
    {
        private readonly Lock _gate = new();
        private long _count;
        private double _charge;

        public void Add(double charge)
        {
            lock (_gate)
            {
                _count++;
                _charge += charge;
            }
        }

        public (long, double) Read()
        {
            lock (_gate)
            {
                return (_count, _charge);
            }
        }
    }
}
