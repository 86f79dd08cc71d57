namespace SalesBot.Bench;

/// <summary>One target's figures across rounds: the median, so one disturbed round does not decide the result.</summary>
internal sealed record TargetSummary(
    string Target,
    string Label,
    int Runs,
    double TurnsPerSecond,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    double CpuMsPerTurn,
    double PeakWorkingSetMb,
    long Errors,
    long Requests)
{
    public static TargetSummary Of(IReadOnlyList<RunResult> runs) => new(
        runs[0].Target,
        runs[0].Label,
        runs.Count,
        Median(runs.Select(r => r.CheckIn.TurnsPerSecond)),
        Median(runs.Select(r => r.CheckIn.P50Ms)),
        Median(runs.Select(r => r.CheckIn.P95Ms)),
        Median(runs.Select(r => r.CheckIn.P99Ms)),
        Median(runs.Select(r => r.CpuMsPerTurn)),
        runs.Max(r => r.PeakWorkingSetMb),
        runs.Sum(r => r.Errors),
        runs.Sum(r => r.CheckIn.Requests + (r.Enroll?.Requests ?? 0)));

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1
            ? sorted[sorted.Length / 2]
            : Math.Round((sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2, 3);
    }
}

/// <summary>
/// SalesBot against one reference: the median of the per-round ratios. The runs of a round ran back to
/// back, so a shift in the machine's load between rounds cancels out, where a ratio of independent
/// medians could pair a busy run with a quiet one.
/// </summary>
internal sealed record Ratio(string Reference, double TurnsPerSecond, double P99, double CpuPerTurn, IReadOnlyList<double> TurnsPerSecondByRound)
{
    public static Ratio? Of(IReadOnlyList<RunResult> runs, TargetKind subject, TargetKind reference)
    {
        var pairs = runs.Where(r => r.Kind == subject)
            .Join(runs.Where(r => r.Kind == reference), r => r.Round, r => r.Round, (s, r) => (Subject: s, Reference: r))
            .ToList();
        if (pairs.Count == 0)
        {
            return null;
        }

        var turns = pairs.Select(p => Divide(p.Subject.CheckIn.TurnsPerSecond, p.Reference.CheckIn.TurnsPerSecond)).ToList();
        return new Ratio(
            pairs[0].Reference.Target,
            Math.Round(TargetSummary.Median(turns), 3),
            Math.Round(TargetSummary.Median(pairs.Select(p => Divide(p.Subject.CheckIn.P99Ms, p.Reference.CheckIn.P99Ms))), 3),
            Math.Round(TargetSummary.Median(pairs.Select(p => Divide(p.Subject.CpuMsPerTurn, p.Reference.CpuMsPerTurn))), 3),
            turns);
    }

    private static double Divide(double a, double b) => b == 0 ? 0 : Math.Round(a / b, 3);
}
