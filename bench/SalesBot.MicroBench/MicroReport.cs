using System.Globalization;
using System.Text;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace SalesBot.MicroBench;

/// <summary>
/// micro.md: one sentence on how it was run and what it measured, then one table per group, each SalesBot
/// row under its reference. The full run (bench/run.sh) folds it into results/latest.md.
/// </summary>
internal static class MicroReport
{
    private static readonly Dictionary<Type, (string Title, Func<string> About)> Groups = new()
    {
        [typeof(TeamsCardBenchmarks)] = ("Teams: Adaptive Card rendering", () =>
            "The reply activity with its card, rendered from the flow's message and serialized as it is sent " +
            $"({Sizes(TeamsCardBenchmarks.WireBytes, Samples.CheckInPrompt, Samples.TeamStatus)}); " +
            "the reference writes the same JSON from a ready-made `JsonNode`."),
        [typeof(SlackBlockKitBenchmarks)] = ("Slack: Block Kit rendering", () =>
            "The Web API call's arguments, rendered and serialized as sent: `chat.postMessage` of the check-in prompt, " +
            "the `views.open` of its modal, and the team status " +
            $"({Sizes(SlackBlockKitBenchmarks.WireBytes, Samples.CheckInPrompt, SlackBlockKitBenchmarks.CheckInModal, Samples.TeamStatus)}); " +
            "the reference writes the same JSON from a ready-made `JsonNode`."),
        [typeof(CheckInParsingBenchmarks)] = ("Check-in parsing", () =>
            $"A check-in typed on one line into a validated check-in. *tidy*: `{CheckInParsingBenchmarks.Tidy}`; " +
            $"*messy*: `{CheckInParsingBenchmarks.Messy}`. The reference splits the same line and parses its numbers " +
            "(`string.Split`, `int.TryParse`), resolving no metric names and checking nothing."),
        [typeof(SlackSignatureBenchmarks)] = ("Slack: request signature verification", () =>
            $"An Events API body of {SlackSignatureBenchmarks.BodyBytes:N0} bytes, a different request per operation. " +
            "The verifier also checks the headers and the 5-minute window, and remembers each signature against replays. " +
            "The reference is the bare MAC (`HMACSHA256.HashData` over the same `v0:{ts}:{body}` bytes)."),
        [typeof(JwtValidationBenchmarks)] = ("Teams: Bot Framework JWT validation", () =>
            "An RS256 token (2048-bit key) checked with the signing keys cached (fetched once, in memory, no network): " +
            "issuer, key id, signature, audience, lifetime, the key's `msteams` endorsement and the `serviceurl` claim. " +
            "The reference is `JsonWebTokenHandler.ValidateTokenAsync` of the same token checking its signature only."),
    };

    public static string Render(IReadOnlyList<Summary> summaries, MicroOptions options)
    {
        var text = new StringBuilder();
        var first = summaries.FirstOrDefault(s => s.Reports.Length > 0);
        var env = first?.HostEnvironmentInfo;
        text.Append(CultureInfo.InvariantCulture, $"BenchmarkDotNet {env?.BenchmarkDotNetVersion} micro-benchmarks of `{options.Label}`: {MicroJob.Describe(options.Quick)}; ")
            .Append(CultureInfo.InvariantCulture, $"{env?.RuntimeVersion}, {env?.Cpu.Value?.ProcessorName?.Trim()} ({Environment.ProcessorCount} logical cores), workstation GC. ")
            .Append("Each SalesBot row is measured beside its reference in the same run: *ratio* is its mean time over the reference's (1.00), ")
            .Append("*allocated* the managed memory per operation, *error* half the 99.9 % confidence interval.\n\n")
            .Append("Headline, SalesBot's time over its reference's: ")
            .AppendJoin("; ", summaries.Where(s => s.Reports.Length > 0).Select(Headline))
            .Append(".\n");

        foreach (var summary in summaries.Where(s => s.Reports.Length > 0))
        {
            var type = summary.BenchmarksCases[0].Descriptor.Type;
            var (title, about) = Groups.TryGetValue(type, out var group) ? group : (type.Name, () => string.Empty);
            text.Append(CultureInfo.InvariantCulture, $"\n### {title}\n\n{about()}\n\n");
            var hasParams = summary.BenchmarksCases.Any(c => c.HasParameters);
            text.Append(hasParams ? "| case | method | mean | error | median | allocated | ratio |\n|---|---|--:|--:|--:|--:|--:|\n"
                                  : "| method | mean | error | median | allocated | ratio |\n|---|--:|--:|--:|--:|--:|\n");
            // Cases in the order their parameters are declared, each reference first.
            foreach (var report in summary.Reports
                         .GroupBy(r => r.BenchmarkCase.Parameters.DisplayInfo, StringComparer.Ordinal)
                         .SelectMany(g => g.OrderBy(r => r.BenchmarkCase.Descriptor.Baseline ? 0 : 1)))
            {
                var c = report.BenchmarkCase;
                var s = report.ResultStatistics;
                var name = c.Descriptor.WorkloadMethodDisplayInfo.Trim('\'');
                var method = c.Descriptor.Baseline ? name : $"**{name}**";
                var ratio = BaselineRatioColumn.RatioMean.GetValue(summary, c);
                var cells = new List<string>();
                if (hasParams)
                {
                    cells.Add(string.Join(", ", c.Parameters.Items.Select(p => p.Value?.ToString())));
                }

                cells.AddRange([
                    method,
                    s is null ? "failed" : Time(s.Mean),
                    s is null ? "" : Time(s.ConfidenceInterval.Margin),
                    s is null ? "" : Time(s.Median),
                    Bytes(report.GcStats.GetBytesAllocatedPerOperation(c)),
                    c.Descriptor.Baseline ? "1.00" : $"**{ratio}**",
                ]);
                text.Append("| ").AppendJoin(" | ", cells).Append(" |\n");
            }
        }

        return text.ToString();
    }

    /// <summary>"Check-in parsing tidy 5.19, messy 4.15": each SalesBot case's ratio in one group.</summary>
    private static string Headline(Summary summary)
    {
        var type = summary.BenchmarksCases[0].Descriptor.Type;
        var title = Groups.TryGetValue(type, out var group) ? group.Title : type.Name;
        var ratios = summary.BenchmarksCases.Where(c => !c.Descriptor.Baseline).Select(c =>
        {
            var what = c.HasParameters
                ? string.Join(", ", c.Parameters.Items.Select(p => p.Value?.ToString()))
                : c.Descriptor.WorkloadMethodDisplayInfo.Trim('\'').Split(" (", 2)[0].Replace("SalesBot: ", string.Empty, StringComparison.Ordinal);
            return $"{what} **{BaselineRatioColumn.RatioMean.GetValue(summary, c)}**";
        });
        return $"{title} {string.Join(", ", ratios)}";
    }

    private static string Sizes(Func<string, int> bytes, params string[] views) =>
        string.Join(", ", views.Select(v => string.Create(CultureInfo.InvariantCulture, $"{v} {bytes(v) / 1024.0:0.0} KB")));

    private static string Time(double nanoseconds) => nanoseconds switch
    {
        < 1_000 => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds:0.0} ns"),
        < 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1_000:0.00} µs"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1_000_000:0.00} ms"),
    };

    private static string Bytes(long? bytes) => bytes switch
    {
        null => "?",
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KB"),
    };
}
