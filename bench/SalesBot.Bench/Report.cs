using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace SalesBot.Bench;

/// <summary>Writes the results as a Markdown table and as JSON: <c>latest.*</c> plus a dated copy of each.</summary>
internal static class Report
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static IReadOnlyList<string> Write(BenchOptions options, IReadOnlyList<RunResult> runs, DateTimeOffset startedAt, bool passed)
    {
        var comparison = Comparison.Of(runs);
        var document = new
        {
            startedAt,
            passed,
            machine = new { cores = Environment.ProcessorCount, os = RuntimeInformation.OSDescription, runtime = RuntimeInformation.FrameworkDescription },
            settings = new
            {
                options.Quick,
                options.Rounds,
                options.Users,
                options.Connections,
                warmupSeconds = options.Warmup.TotalSeconds,
                durationSeconds = options.Duration.TotalSeconds,
                maxErrorRate = options.MaxErrorRate,
                before = options.Before.Label,
                after = options.After.Label,
            },
            comparison,
            runs,
        };
        var json = JsonSerializer.Serialize(document, Json);
        var markdown = Markdown(options, runs, comparison, startedAt, passed);

        Directory.CreateDirectory(options.OutputDirectory);
        var stamp = startedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        // A quick run is a smoke test: it must not replace the committed full results.
        var names = options.Quick ? new[] { "latest-quick" } : ["latest", stamp];
        var written = new List<string>();
        foreach (var name in names)
        {
            var md = Path.Combine(options.OutputDirectory, name + ".md");
            var js = Path.Combine(options.OutputDirectory, name + ".json");
            File.WriteAllText(md, markdown);
            File.WriteAllText(js, json + "\n");
            written.Add(md);
            written.Add(js);
        }

        return written;
    }

    private static string Markdown(BenchOptions o, IReadOnlyList<RunResult> runs, Comparison c, DateTimeOffset startedAt, bool passed)
    {
        var s = new StringBuilder();
        var stamp = startedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        s.AppendLine(CultureInfo.InvariantCulture, $"# First-turn benchmark, {stamp}{(o.Quick ? " (quick)" : string.Empty)}");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"before = `{o.Before.Label}`, after = `{o.After.Label}`. {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription.Trim()}.");
        s.AppendLine(CultureInfo.InvariantCulture, $"Teams check-in turns through `POST /api/messages` (auth on), {o.Connections} connections, {o.Users} reps, " +
            $"{o.Warmup.TotalSeconds:0.#} s warm-up + {o.Duration.TotalSeconds:0.#} s measured per run, {o.Rounds} round(s), before and after interleaved (ABBA order). " +
            $"Result: **{(passed ? "pass" : "FAIL")}**.");
        s.AppendLine();
        s.AppendLine("| check-in turns | before (median) | after (median) | after/before (median of per-round ratios) |");
        s.AppendLine("| --- | ---: | ---: | ---: |");
        Row(s, "turns/s", c.Before.TurnsPerSecond, c.After.TurnsPerSecond, $"**{c.TurnsPerSecondRatio:0.000}**");
        Row(s, "p50 ms", c.Before.P50Ms, c.After.P50Ms, $"{c.P50Ratio:0.000}");
        Row(s, "p99 ms", c.Before.P99Ms, c.After.P99Ms, $"**{c.P99Ratio:0.000}**");
        Row(s, "enrolment turns/s", c.Before.EnrollTurnsPerSecond, c.After.EnrollTurnsPerSecond, string.Empty);
        Row(s, "peak working set MB (max of runs)", c.Before.PeakWorkingSetMb, c.After.PeakWorkingSetMb, $"{c.PeakWorkingSetRatio:0.000}");
        s.AppendLine(CultureInfo.InvariantCulture, $"| errors (non-2xx) / requests | {c.Before.Errors} / {c.Before.Requests} | {c.After.Errors} / {c.After.Requests} | |");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"after/before per round: turns/s {Join(c.TurnsPerSecondRatioByRound)}; p99 {Join(c.P99RatioByRound)}.");
        s.AppendLine();
        s.AppendLine("| round | host | turns/s | p50 ms | p90 ms | p99 ms | max ms | errors | enrol turns/s | enrol p99 ms | peak WS MB | replies/turn | host warnings | db MB | load avg |");
        s.AppendLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in runs)
        {
            var errors = r.CheckIn.Errors + r.Enroll.Errors;
            var statuses = errors == 0 ? "0" : $"{errors} ({string.Join(" ", r.CheckIn.Statuses.Concat(r.Enroll.Statuses).Where(x => x.Key is < 200 or > 299).Select(x => $"{x.Key}×{x.Value}"))})";
            s.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Round} | {r.Variant} | {r.CheckIn.TurnsPerSecond:0.0} | {r.CheckIn.P50Ms:0.00} | {r.CheckIn.P90Ms:0.00} | {r.CheckIn.P99Ms:0.00} | {r.CheckIn.MaxMs:0.0} | {statuses} | " +
                $"{r.Enroll.TurnsPerSecond:0.0} | {r.Enroll.P99Ms:0.00} | {r.PeakWorkingSetMb:0.0} | {r.RepliesPerTurn:0.000} | {r.HostWarnings} | {r.DatabaseMb:0.0} | {r.LoadAverageStart:0.0}→{r.LoadAverageEnd:0.0} |");
        }

        if (runs.LastOrDefault(r => r.SampleReply is not null)?.SampleReply is { } sample)
        {
            s.AppendLine();
            s.AppendLine(CultureInfo.InvariantCulture, $"A sampled reply to a check-in turn: \"{Shorten(sample.ReplaceLineEndings(" "))}\"");
        }

        return s.ToString();
    }

    private static string Join(IEnumerable<double> ratios) => string.Join(", ", ratios.Select(r => r.ToString("0.000", CultureInfo.InvariantCulture)));

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";

    private static void Row(StringBuilder s, string name, double before, double after, string ratio) =>
        s.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {before:0.##} | {after:0.##} | {ratio} |");
}
