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

/// <summary>After against before: ratios of the medians, and per round (each round's pair ran back to back).</summary>
internal sealed record Comparison(
    VariantSummary Before,
    VariantSummary After,
    double TurnsPerSecondRatio,
    double P99Ratio,
    double P50Ratio,
    double PeakWorkingSetRatio,
    IReadOnlyList<double> TurnsPerSecondRatioByRound)
{
    public static Comparison Of(IReadOnlyList<RunResult> runs)
    {
        var before = runs.Where(r => r.Variant == "before").ToList();
        var after = runs.Where(r => r.Variant == "after").ToList();
        var b = VariantSummary.Of(before);
        var a = VariantSummary.Of(after);
        var byRound = before.Join(after, r => r.Round, r => r.Round, (x, y) => Ratio(y.CheckIn.TurnsPerSecond, x.CheckIn.TurnsPerSecond)).ToList();
        return new Comparison(b, a,
            Ratio(a.TurnsPerSecond, b.TurnsPerSecond),
            Ratio(a.P99Ms, b.P99Ms),
            Ratio(a.P50Ms, b.P50Ms),
            Ratio(a.PeakWorkingSetMb, b.PeakWorkingSetMb),
            byRound);
    }

    private static double Ratio(double after, double before) => before == 0 ? 0 : Math.Round(after / before, 3);
}
