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
    /// <summary>The category of a row that shows where a SalesBot case's time goes: in its table, not in the headline.</summary>
    public const string Detail = "detail";

    private static readonly Dictionary<Type, (string Title, Func<string> About)> Groups = new()
    {
        [typeof(TeamsCardBenchmarks)] = ("Teams Adaptive Card rendering", () =>
            "The reply activity with its card, rendered from the flow's message and serialized as it is sent " +
            $"({Sizes(TeamsCardBenchmarks.WireBytes, Samples.CheckInPrompt, Samples.TeamStatus)}); " +
            "the reference writes the same JSON from a ready-made `JsonNode`. The *alone* row shows where the time goes: the card as a " +
            "`JsonObject`, before `ActivityMapper` copies it into a `JsonElement` and the activity is serialized."),
        [typeof(SlackBlockKitBenchmarks)] = ("Slack Block Kit rendering", () =>
            "The Web API call's arguments, rendered and serialized as sent: `chat.postMessage` of the check-in prompt, " +
            "the `views.open` of its modal, and the team status " +
            $"({Sizes(SlackBlockKitBenchmarks.WireBytes, Samples.CheckInPrompt, SlackBlockKitBenchmarks.CheckInModal, Samples.TeamStatus)}); " +
            "the reference writes the same JSON from a ready-made `JsonNode`."),
        [typeof(CheckInParsingBenchmarks)] = ("Check-in parsing", () =>
            $"A check-in typed on one line into a validated check-in. *tidy*: `{CheckInParsingBenchmarks.Tidy}`; " +
            $"*messy*: `{CheckInParsingBenchmarks.Messy}`. The reference splits the same line and parses its numbers " +
            "(`string.Split`, `int.TryParse`), resolving no metric names and checking nothing."),
        [typeof(SlackSignatureBenchmarks)] = ("Slack request signature verification", () =>
            $"An Events API body of {SlackSignatureBenchmarks.BodyBytes:N0} bytes, a different request per operation. " +
            "The verifier also checks the headers and the 5-minute window, and remembers each signature against replays. " +
            "The reference is the bare MAC (`HMACSHA256.HashData` over the same `v0:{ts}:{body}` bytes)."),
        [typeof(JwtValidationBenchmarks)] = ("Teams Bot Framework JWT validation", () =>
            "An RS256 token (2048-bit key) checked with the signing keys cached (fetched once, in memory, no network): " +
            "issuer, key id, signature, audience, lifetime, the key's `msteams` endorsement and the `serviceurl` claim. " +
            "The reference is `JsonWebTokenHandler.ValidateTokenAsync` of the same token checking its signature only."),
    };

    public static string Render(IReadOnlyList<Summary> summaries, MicroOptions options, string loadAverages)
    {
        var ran = summaries.Where(s => s.Reports.Length > 0).ToList();
        var env = ran.FirstOrDefault()?.HostEnvironmentInfo;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"BenchmarkDotNet {env?.BenchmarkDotNetVersion} micro-benchmarks of `{options.Label}`: {MicroJob.Describe(options.Quick)}; ")
            .Append(CultureInfo.InvariantCulture, $"{env?.RuntimeVersion}, {env?.Cpu.Value?.ProcessorName?.Trim()} ({Environment.ProcessorCount} logical cores), workstation GC; ")
            .Append(CultureInfo.InvariantCulture, $"1-minute load average {loadAverages}. ")
            .Append("Each SalesBot row runs right after its reference in the same process. *ratio* is its median iteration time over the reference's: ")
            .Append("the headline, as the median shrugs off the bursts of other work on a shared machine; BenchmarkDotNet's own *Ratio* (of means) is beside it. ")
            .Append("*error* is half the 99.9 % confidence interval of the mean, *allocated* the managed memory per operation.\n\n")
            .Append("Headline, SalesBot's time over its reference's: ")
            .AppendJoin("; ", ran.Select(Headline))
            .Append(".\n");

        foreach (var summary in ran)
        {
            var (title, about) = Groups.TryGetValue(TypeOf(summary), out var group) ? group : (TypeOf(summary).Name, () => string.Empty);
            text.Append(CultureInfo.InvariantCulture, $"\n### {title}\n\n{about()}\n\n");
            var hasParams = summary.BenchmarksCases.Any(c => c.HasParameters);
            text.Append(hasParams ? "| case " : string.Empty).Append("| method | mean | error | median | allocated | ratio | Ratio (means) |\n")
                .Append(hasParams ? "|---" : string.Empty).Append("|---|--:|--:|--:|--:|--:|--:|\n");

            // Cases in the order their parameters are declared, each reference first.
            foreach (var report in summary.Reports
                         .GroupBy(r => r.BenchmarkCase.Parameters.DisplayInfo, StringComparer.Ordinal)
                         .SelectMany(g => g.OrderBy(r => r.BenchmarkCase.Descriptor.Baseline ? 0 : 1)))
            {
                var c = report.BenchmarkCase;
                var s = report.ResultStatistics!;
                var name = c.Descriptor.WorkloadMethodDisplayInfo.Trim('\'');
                var cells = new List<string>();
                if (hasParams)
                {
                    cells.Add(CaseOf(c));
                }

                cells.AddRange([
                    c.Descriptor.Baseline ? name : $"**{name}**",
                    Time(s.Mean),
                    Time(s.ConfidenceInterval.Margin),
                    Time(s.Median),
                    Bytes(report.GcStats.GetBytesAllocatedPerOperation(c)),
                    c.Descriptor.Baseline ? "1.00" : $"**{MedianRatio(summary, report)}**",
                    c.Descriptor.Baseline ? "1.00" : BaselineRatioColumn.RatioMean.GetValue(summary, c),
                ]);
                text.Append("| ").AppendJoin(" | ", cells).Append(" |\n");
            }
        }

        return text.ToString();
    }

    /// <summary>The report's median over the median of the reference with the same parameters ("n/a" when a filter left the reference out).</summary>
    private static string MedianRatio(Summary summary, BenchmarkReport report)
    {
        var reference = summary.Reports.SingleOrDefault(r => r.BenchmarkCase.Descriptor.Baseline &&
            r.BenchmarkCase.Parameters.DisplayInfo == report.BenchmarkCase.Parameters.DisplayInfo);
        return reference?.ResultStatistics is { } baseline
            ? string.Create(CultureInfo.InvariantCulture, $"{report.ResultStatistics!.Median / baseline.Median:0.00}")
            : "n/a";
    }

    /// <summary>"Check-in parsing tidy 5.19, messy 4.15": each SalesBot case's ratio in one group.</summary>
    private static string Headline(Summary summary)
    {
        var title = Groups.TryGetValue(TypeOf(summary), out var group) ? group.Title : TypeOf(summary).Name;
        var ratios = summary.Reports.Where(r => !r.BenchmarkCase.Descriptor.Baseline && !r.BenchmarkCase.Descriptor.HasCategory(Detail)).Select(r =>
        {
            var c = r.BenchmarkCase;
            var what = c.HasParameters
                ? CaseOf(c)
                : c.Descriptor.WorkloadMethodDisplayInfo.Trim('\'').Split(" (", 2)[0].Replace("SalesBot: ", string.Empty, StringComparison.Ordinal);
            return $"{what} **{MedianRatio(summary, r)}**";
        });
        return $"{title}: {string.Join(", ", ratios)}";
    }

    private static Type TypeOf(Summary summary) => summary.BenchmarksCases[0].Descriptor.Type;

    private static string CaseOf(BenchmarkCase c) => string.Join(", ", c.Parameters.Items.Select(p => p.Value?.ToString()));

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
