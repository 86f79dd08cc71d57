using System.Diagnostics;

namespace SalesBot.Bench;

/// <summary>
/// Closed-loop load: <c>connections</c> workers, each sending its next request as soon as the last one
/// answered, over one keep-alive connection each. Requests that start after the warm-up are measured;
/// the phase ends at the deadline, when the source runs dry, or at the request cap.
/// </summary>
internal sealed class LoadGenerator(HttpClient http, Uri endpoint, string bearerToken)
{
    private readonly string _authorization = "Bearer " + bearerToken;

    /// <summary>Runs one phase. <paramref name="next"/> gives the body for a sequence number, or null when there is nothing left.</summary>
    public async Task<PhaseResult> RunAsync(string phase, Func<long, HttpContent?> next, int connections, TimeSpan warmup, TimeSpan duration, int maxRequests)
    {
        var start = Stopwatch.GetTimestamp();
        var windowStart = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var deadline = windowStart + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long sequence = -1;
        var workers = Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            var recorder = new WorkerRecord();
            while (true)
            {
                var t0 = Stopwatch.GetTimestamp();
                var seq = Interlocked.Increment(ref sequence);
                if (t0 >= deadline || seq >= maxRequests || next(seq) is not { } content)
                {
                    return recorder;
                }

                var status = await SendAsync(content);
                var t1 = Stopwatch.GetTimestamp();
                recorder.Sent++;
                recorder.LastCompletion = Math.Max(recorder.LastCompletion, t1);
                if (t0 >= windowStart)
                {
                    recorder.Add(status, (int)Math.Min(int.MaxValue, (t1 - t0) * 1_000_000 / Stopwatch.Frequency));
                }
            }
        })).ToArray();
        var records = await Task.WhenAll(workers);
        return PhaseResult.From(phase, records, windowStart, deadline);
    }

    /// <summary>The HTTP status, or 0 when the request failed without one (refused, reset, timed out).</summary>
    private async Task<int> SendAsync(HttpContent content)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
            request.Headers.TryAddWithoutValidation("Authorization", _authorization);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            return (int)response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return 0;
        }
    }
}

/// <summary>One worker's measurements; merged after the phase, so workers never contend on a lock.</summary>
internal sealed class WorkerRecord
{
    public List<int> LatenciesMicros { get; } = new(capacity: 4096);
    public Dictionary<int, int> Statuses { get; } = [];
    public long LastCompletion { get; set; }

    /// <summary>Every request this worker sent, warm-up included.</summary>
    public long Sent { get; set; }

    public void Add(int status, int micros)
    {
        LatenciesMicros.Add(micros);
        Statuses[status] = Statuses.GetValueOrDefault(status) + 1;
    }
}
