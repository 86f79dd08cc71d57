using System.Globalization;

namespace SalesBot.Bench;

/// <summary>Issue 12's targets, each against what this run measured.</summary>
internal static class Targets
{
    public static IReadOnlyList<TargetCheck> Check(IReadOnlyList<RunResult> runs, IReadOnlyList<ReportSection> sections, BenchOptions options)
    {
        var checks = new List<TargetCheck>();
        if (Ratio.Of(runs, TargetKind.SalesBotSqlite, TargetKind.MinimalTurn) is { } ratio)
        {
            checks.Add(new("turns on SQLite ≥ 50% of the minimal turn (same run)", F($"{ratio.TurnsPerSecond:0.0%}"), ratio.TurnsPerSecond >= 0.5));
        }

        if (runs.Where(r => r.Kind == TargetKind.SalesBotSqlite).ToList() is { Count: > 0 } salesBot)
        {
            var p99 = TargetSummary.Of(salesBot).P99Ms;
            checks.Add(new($"p99 ≤ 20 ms at {options.Connections} connections", F($"{p99:0.0} ms"), p99 <= 20));
        }

        if (sections.Select(s => s.Figures).OfType<MemoryResult>().FirstOrDefault() is { } memory && memory.At(MemoryRun.AfterFirstBatch) is { } first)
        {
            checks.Add(new(F($"working set ≤ 200 MB after {options.MemoryTurns:N0} turns"), F($"{first.WorkingSetMb:0} MB"), first.WorkingSetMb <= 200));
            checks.Add(new(F($"working set grows < 10% over the second {options.MemoryTurns:N0} turns"), F($"{memory.SecondBatchGrowth:+0.0%;-0.0%}"), memory.SecondBatchGrowth < 0.10));
        }

        if (sections.Select(s => s.Figures).OfType<FanOutResult>().FirstOrDefault() is { } fanOut)
        {
            checks.Add(new("fan-out within 1.05× of the rate-limit floor, 0 duplicates, 0 losses",
                F($"{fanOut.Ratio:0.000}× ({fanOut.DeliveredSeconds:0.0} s / {fanOut.FloorSeconds:0.0} s), {fanOut.Duplicates} duplicates, {fanOut.Losses} losses"),
                fanOut.Ratio <= 1.05 && fanOut.Duplicates == 0 && fanOut.Losses == 0));
        }

        if (sections.Select(s => s.Figures).OfType<SummaryCostResult>().FirstOrDefault() is { } summary)
        {
            checks.AddRange(SummaryTargets(summary));
        }

        return checks;
    }

    /// <summary>`status month` with a year of history: p99 on SQLite (one at a time), and Cosmos operations a year against a month.</summary>
    private static IEnumerable<TargetCheck> SummaryTargets(SummaryCostResult summary)
    {
        if (summary.Sqlite(12, 1) is { } year)
        {
            yield return new("`status month` on SQLite with a year of history: p99 ≤ 20 ms", F($"{year.Phase.P99Ms:0.0} ms"), year.Phase.P99Ms <= 20);
        }

        if (summary.CosmosFor(1) is { } month && summary.CosmosFor(12) is { } twelve)
        {
            yield return new("`status month` on Cosmos: the same operations for a month and a year of history",
                F($"{month.OperationsMax} and {twelve.OperationsMax} operations (≈ {month.EstimatedRu:0} and {twelve.EstimatedRu:0} RU)"),
                month.OperationsMin == month.OperationsMax && twelve.OperationsMin == twelve.OperationsMax && month.OperationsMax == twelve.OperationsMax);
        }
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
