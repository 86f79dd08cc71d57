using NodaTime;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Organization;

namespace SalesBot.Core.Summaries;

/// <summary>
/// A manager's view of one reporting day: who has checked in, who has not, and each rep's numbers
/// against target (seed 003: leaders share analytics and close the loop).
/// </summary>
public sealed record TeamStatus(LocalDate ReportDate, IReadOnlyList<RepStatus> Reps)
{
    public IEnumerable<RepStatus> CheckedIn => Reps.Where(r => r.CheckIn is not null);

    /// <summary>Reps with no check-in who were expected to make one (not away, not on a holiday).</summary>
    public IEnumerable<RepStatus> Missing => Reps.Where(r => r.CheckIn is null && !r.Away);

    public IEnumerable<RepStatus> Away => Reps.Where(r => r.CheckIn is null && r.Away);

    /// <summary>Status for <paramref name="reportDate"/>; check-ins of other days are ignored.</summary>
    /// <param name="streakOf">The streak as it stands: through the report day when checked in, else through the day before.</param>
    /// <param name="isExcused">Whether a rep was away (or on a holiday) for the day, so is shown as away, not missing.</param>
    public static TeamStatus For(LocalDate reportDate, IEnumerable<Member> members, IReadOnlyList<CheckIn> checkIns, Func<Member, int> streakOf,
        Func<Member, bool>? isExcused = null)
    {
        ArgumentNullException.ThrowIfNull(streakOf);
        var byMember = checkIns.Where(c => c.ReportDate == reportDate).ToDictionary(c => c.MemberId);
        var reps = members
            .Where(m => m.Role.IsRep())
            .OrderBy(m => m.DisplayName, StringComparer.OrdinalIgnoreCase)
            .Select(m =>
            {
                byMember.TryGetValue(m.Id, out var checkIn);
                var results = checkIn is null
                    ? []
                    // Against the targets the day was worked against, so a later change never rewrites it.
                    : checkIn.MetricsOr(m.MetricsOn(reportDate)).Where(x => checkIn.ValueOf(x.Key).HasValue)
                        .Select(x => new MetricResult(x, checkIn.Values[x.Key], x.IsMet(checkIn.Values[x.Key])))
                        .ToList();
                return new RepStatus(m, checkIn, results, streakOf(m)) { Away = isExcused?.Invoke(m) ?? false };
            })
            .ToList();
        return new TeamStatus(reportDate, reps);
    }
}

public sealed record RepStatus(Member Member, CheckIn? CheckIn, IReadOnlyList<MetricResult> Results, int Streak)
{
    /// <summary>Away or on a holiday for the day: not expected to check in.</summary>
    public bool Away { get; init; }

    public int TargetsMet => Results.Count(r => r.TargetMet);

    /// <summary>Expected today and not checked in yet: the streak stands, and ends if the day is missed.</summary>
    public bool StreakAtRisk => CheckIn is null && !Away && Streak > 0;
}
