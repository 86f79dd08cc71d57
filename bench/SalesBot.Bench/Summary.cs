namespace SalesBot.Bench;

/// <summary>One variant's figures across rounds: the median, so one disturbed round does not decide the result.</summary>
internal sealed record VariantSummary(
    string Label,
    int Runs,
    double TurnsPerSecond,
    double P50Ms,
    double P99Ms,
    double EnrollTurnsPerSecond,
    double PeakWorkingSetMb,
    long Errors,
    long Requests)
{
    public static VariantSummary Of(IReadOnlyList<RunResult> runs) => new(
        runs[0].Label,
        runs.Count,
        Median(runs.Select(r => r.CheckIn.TurnsPerSecond)),
        Median(runs.Select(r => r.CheckIn.P50Ms)),
        Median(runs.Select(r => r.CheckIn.P99Ms)),
        Median(runs.Select(r => r.Enroll.TurnsPerSecond)),
        runs.Max(r => r.PeakWorkingSetMb),
        runs.Sum(r => r.CheckIn.Errors + r.Enroll.Errors),
        runs.Sum(r => r.CheckIn.Requests + r.Enroll.Requests));

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1
            ? sorted[sorted.Length / 2]
            : Math.Round((sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2, 2);
    }
}

/// <summary>
/// After against before. The ratios are the median of the per-round ratios: the two runs of a round ran
/// back to back, so a shift in the machine's load between rounds cancels out, where a ratio of
/// independent medians could pair a busy run with a quiet one.
/// </summary>
internal sealed record Comparison(
    VariantSummary Before,
    VariantSummary After,
    double TurnsPerSecondRatio,
    double P99Ratio,
    double P50Ratio,
    double PeakWorkingSetRatio,
    IReadOnlyList<double> TurnsPerSecondRatioByRound,
    IReadOnlyList<double> P99RatioByRound)
{
    public static Comparison Of(IReadOnlyList<RunResult> runs)
    {
        var before = runs.Where(r => r.Variant == "before").ToList();
        var after = runs.Where(r => r.Variant == "after").ToList();
        var pairs = before.Join(after, r => r.Round, r => r.Round, (b, a) => (Before: b, After: a)).ToList();
        var turns = pairs.Select(p => Ratio(p.After.CheckIn.TurnsPerSecond, p.Before.CheckIn.TurnsPerSecond)).ToList();
        var p99 = pairs.Select(p => Ratio(p.After.CheckIn.P99Ms, p.Before.CheckIn.P99Ms)).ToList();
        var p50 = pairs.Select(p => Ratio(p.After.CheckIn.P50Ms, p.Before.CheckIn.P50Ms)).ToList();
        var b = VariantSummary.Of(before);
        var a = VariantSummary.Of(after);
        return new Comparison(b, a,
            Round(VariantSummary.Median(turns)),
            Round(VariantSummary.Median(p99)),
            Round(VariantSummary.Median(p50)),
            Ratio(a.PeakWorkingSetMb, b.PeakWorkingSetMb),
            turns,
            p99);
    }

    private static double Ratio(double after, double before) => before == 0 ? 0 : Math.Round(after / before, 3);

    private static double Round(double value) => Math.Round(value, 3);
}
