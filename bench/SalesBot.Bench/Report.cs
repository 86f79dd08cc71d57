using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SalesBot.Bench;

/// <summary>A part of the report besides the turns: its heading, its Markdown, and its figures for the JSON.</summary>
internal sealed record ReportSection(string Title, string Markdown, object? Figures);

/// <summary>One issue-12 target, what was measured against it, and whether it was met.</summary>
internal sealed record TargetCheck(string Target, string Measured, bool Met);

/// <summary>Writes the results as Markdown and as JSON: <c>latest.*</c> plus a dated copy of each (smoke runs: <c>latest-smoke.*</c> only).</summary>
internal static class Report
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    public static IReadOnlyList<string> Write(BenchOptions options, IReadOnlyList<RunResult> runs, IReadOnlyList<ReportSection> sections,
        IReadOnlyList<TargetCheck> checks, DateTimeOffset startedAt, bool passed)
    {
        var summaries = runs.GroupBy(r => r.Target).Select(g => TargetSummary.Of(g.ToList())).ToList();
        var ratios = new[] { TargetKind.MinimalTurn, TargetKind.MinimalKestrel }
            .Select(reference => Ratio.Of(runs, TargetKind.SalesBotSqlite, reference)).OfType<Ratio>().ToList();
        var document = new
        {
            startedAt,
            passed,
            host = options.HostLabel,
            machine = new { cores = Environment.ProcessorCount, os = RuntimeInformation.OSDescription, runtime = RuntimeInformation.FrameworkDescription },
            settings = new
            {
                options.Smoke,
                options.Rounds,
                options.Users,
                options.Connections,
                warmupSeconds = options.Warmup.TotalSeconds,
                durationSeconds = options.Duration.TotalSeconds,
                options.MaxErrorRate,
            },
            targets = checks,
            summaries,
            ratios,
            sections = sections.Select(s => new { s.Title, s.Figures }),
            runs,
        };
        var json = JsonSerializer.Serialize(document, Json);
        var markdown = Markdown(options, runs, summaries, ratios, sections, checks, startedAt, passed);

        Directory.CreateDirectory(options.OutputDirectory);
        var stamp = startedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        // A smoke run is CI's regression guard: it must not replace the committed full results.
        // So must a run of one section (--only): it writes latest-{section}.* beside them.
        var names = options.Smoke ? new[] { "latest-smoke" } : options.Only is { } only ? [$"latest-{only}"] : ["latest", stamp];
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

    private static string Markdown(BenchOptions o, IReadOnlyList<RunResult> runs, IReadOnlyList<TargetSummary> summaries, IReadOnlyList<Ratio> ratios,
        IReadOnlyList<ReportSection> sections, IReadOnlyList<TargetCheck> checks, DateTimeOffset startedAt, bool passed)
    {
        var s = new StringBuilder();
        var stamp = startedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        s.AppendLine(CultureInfo.InvariantCulture, $"# SalesBot benchmarks, {stamp}{(o.Smoke ? " (smoke)" : string.Empty)}");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"SalesBot = `{o.HostLabel}`. {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription.Trim()}, {RuntimeInformation.FrameworkDescription}. " +
            $"Result: **{(passed ? "pass" : "FAIL")}** (every response 2xx and every turn answered by its reply).");
        s.AppendLine();
        if (checks.Count > 0)
        {
            s.AppendLine("## Targets (issue 12)");
            s.AppendLine();
            s.AppendLine("| target | measured | met |");
            s.AppendLine("| --- | --- | :---: |");
            foreach (var c in checks)
            {
                s.AppendLine(CultureInfo.InvariantCulture, $"| {c.Target} | {c.Measured} | {(c.Met ? "yes" : "**no**")} |");
            }

            s.AppendLine();
        }

        if (runs.Count == 0)
        {
            // A partial run (--only fanout): its sections alone.
            foreach (var section in sections)
            {
                s.AppendLine(CultureInfo.InvariantCulture, $"## {section.Title}").AppendLine().AppendLine(section.Markdown.TrimEnd()).AppendLine();
            }

            return s.ToString();
        }

        s.AppendLine("## Turns");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Teams check-in turns (`calls 32, meetings 4, proposals 1`) through `POST /api/messages`, auth on (RS256 Bot Framework tokens, keys from a local OpenID issuer), " +
            $"replies POSTed to a local connector; {o.Connections} connections, closed loop, {o.Users:N0} distinct reps, {o.Warmup.TotalSeconds:0.#} s warm-up + {o.Duration.TotalSeconds:0.#} s measured per run, " +
            $"{o.Rounds} round(s) with the targets interleaved (order rotated each round). Each row is the median over rounds; CPU-ms/turn is the process's user+system CPU in the check-in phase over its turns.");
        s.AppendLine();
        s.AppendLine("| target | turns/s | p50 ms | p95 ms | p99 ms | CPU-ms/turn | peak WS MB | errors / requests |");
        s.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var t in summaries)
        {
            s.AppendLine(CultureInfo.InvariantCulture,
                $"| {t.Label} | {t.TurnsPerSecond:0.0} | {t.P50Ms:0.00} | {t.P95Ms:0.00} | {t.P99Ms:0.00} | {t.CpuMsPerTurn:0.000} | {t.PeakWorkingSetMb:0.0} | {t.Errors} / {t.Requests} |");
        }

        s.AppendLine();
        foreach (var r in ratios)
        {
            s.AppendLine(CultureInfo.InvariantCulture,
                $"- SalesBot (SQLite) / {r.Reference}: turns/s **{r.TurnsPerSecond:0.000}**, p99 {r.P99:0.000}, CPU per turn {r.CpuPerTurn:0.000} (per round: {string.Join(", ", r.TurnsPerSecondByRound.Select(x => x.ToString("0.000", CultureInfo.InvariantCulture)))}).");
        }

        if (runs.LastOrDefault(r => r.SampleReply is not null)?.SampleReply is { } sample)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"- A sampled SalesBot reply to a check-in turn: \"{Shorten(sample.ReplaceLineEndings(" "))}\"");
        }

        s.AppendLine();
        foreach (var section in sections)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"## {section.Title}");
            s.AppendLine();
            s.AppendLine(section.Markdown.TrimEnd());
            s.AppendLine();
        }

        s.AppendLine("## Every run");
        s.AppendLine();
        s.AppendLine("| round | target | turns/s | p50 ms | p95 ms | p99 ms | max ms | errors | CPU-ms/turn | alloc KB/turn | enrol turns/s | peak WS MB | replies/turn | warnings | load avg |");
        s.AppendLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in runs)
        {
            var statuses = r.Errors == 0 ? "0" : $"{r.Errors} ({string.Join(" ", r.CheckIn.Statuses.Concat(r.Enroll?.Statuses ?? []).Where(x => x.Key is < 200 or > 299).Select(x => $"{x.Key}×{x.Value}"))})";
            s.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Round} | {r.Target} | {r.CheckIn.TurnsPerSecond:0.0} | {r.CheckIn.P50Ms:0.00} | {r.CheckIn.P95Ms:0.00} | {r.CheckIn.P99Ms:0.00} | {r.CheckIn.MaxMs:0.0} | {statuses} | " +
                $"{r.CpuMsPerTurn:0.000} | {r.AllocatedKbPerTurn?.ToString("0.0", CultureInfo.InvariantCulture)} | {(r.Enroll is null ? "" : r.Enroll.TurnsPerSecond.ToString("0.0", CultureInfo.InvariantCulture))} | {r.PeakWorkingSetMb:0.0} | {r.RepliesPerTurn:0.000} | {r.HostWarnings} | {r.LoadAverageStart:0.0}→{r.LoadAverageEnd:0.0} |");
        }

        return s.ToString();
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
