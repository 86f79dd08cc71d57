using System.Diagnostics;

namespace SalesBot.Bench;

/// <summary>What one load phase measured: throughput, latency percentiles and every non-2xx answer.</summary>
internal sealed record PhaseResult
{
    public required string Phase { get; init; }
    /// <summary>Requests in the measured window (after the warm-up).</summary>
    public required long Requests { get; init; }

    /// <summary>All requests sent in the phase, warm-up included.</summary>
    public required long Sent { get; init; }
    public required long Errors { get; init; }
    public required double Seconds { get; init; }
    public required double TurnsPerSecond { get; init; }
    public required double P50Ms { get; init; }
    public required double P90Ms { get; init; }
    public required double P95Ms { get; init; }
    public required double P99Ms { get; init; }
    public required double MaxMs { get; init; }

    /// <summary>Counts by HTTP status; 0 stands for no response at all.</summary>
    public required SortedDictionary<int, long> Statuses { get; init; }

    public double ErrorRate => Requests == 0 ? 1 : (double)Errors / Requests;

    public static PhaseResult From(string phase, IReadOnlyList<WorkerRecord> records, long windowStart, long deadline)
    {
        // Exact percentiles from a sorted array: the counts are bounded (time and request cap), so this stays small.
        var latencies = records.SelectMany(r => r.LatenciesMicros).ToArray();
        Array.Sort(latencies);
        var statuses = new SortedDictionary<int, long>();
        foreach (var (status, count) in records.SelectMany(r => r.Statuses))
        {
            statuses[status] = statuses.GetValueOrDefault(status) + count;
        }

        // The window ends at the deadline, or earlier when the source ran dry (enrolment).
        var end = Math.Min(deadline, records.Count == 0 ? windowStart : records.Max(r => r.LastCompletion));
        var seconds = Math.Max(1e-3, (double)(end - windowStart) / Stopwatch.Frequency);
        return new PhaseResult
        {
            Phase = phase,
            Requests = latencies.Length,
            Sent = records.Sum(r => r.Sent),
            Errors = statuses.Where(s => s.Key is < 200 or > 299).Sum(s => s.Value),
            Seconds = Math.Round(seconds, 3),
            TurnsPerSecond = Math.Round(latencies.Length / seconds, 1),
            P50Ms = Percentile(latencies, 0.50),
            P90Ms = Percentile(latencies, 0.90),
            P95Ms = Percentile(latencies, 0.95),
            P99Ms = Percentile(latencies, 0.99),
            MaxMs = latencies.Length == 0 ? 0 : Math.Round(latencies[^1] / 1000.0, 2),
            Statuses = statuses,
        };
    }

    /// <summary>Nearest-rank percentile, in milliseconds.</summary>
    private static double Percentile(int[] sorted, double q) =>
        sorted.Length == 0 ? 0 : Math.Round(sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)] / 1000.0, 2);
}
