using NodaTime;
using SalesBot.Core.Organization;

namespace SalesBot.Core.Metrics;

/// <summary>
/// The lead metrics a team starts a rep on, by role and tenure, with daily targets, and the metric to
/// suggest next once the rep is proficient (seed 001: "2–3 lead metrics per role and tenure; add more
/// once proficient"). A team without a plan of its own uses <see cref="Default"/>, which is the
/// catalogue every team used before plans existed.
/// </summary>
public sealed record MetricPlan(IReadOnlyList<MetricPlanRow> Rows)
{
    public const int MaxKeyLength = 20;
    public const int MaxNameLength = 40;

    private static readonly IReadOnlyList<MetricPlanRow> CatalogueRows =
    [
        new MetricPlanRow(MemberRole.Hunter, Tenure.New, MetricCatalog.DefaultsFor(MemberRole.Hunter), MetricCatalog.Referrals),
        new MetricPlanRow(MemberRole.Hunter, Tenure.Tenured, MetricCatalog.DefaultsFor(MemberRole.Hunter), MetricCatalog.Referrals),
        new MetricPlanRow(MemberRole.Farmer, Tenure.New, MetricCatalog.DefaultsFor(MemberRole.Farmer), MetricCatalog.Proposals),
        new MetricPlanRow(MemberRole.Farmer, Tenure.Tenured, MetricCatalog.DefaultsFor(MemberRole.Farmer), MetricCatalog.Proposals),
    ];

    public static MetricPlan Default { get; } = new(CatalogueRows);

    /// <summary>The plan's row for a role and tenure; a role and tenure the plan leaves out uses the catalogue's.</summary>
    public MetricPlanRow? For(MemberRole role, Tenure tenure) =>
        Rows.FirstOrDefault(r => r.Role == role && r.Tenure == tenure) ?? CatalogueRows.FirstOrDefault(r => r.Role == role && r.Tenure == tenure);

    /// <summary>The metrics a member starts on: their role's and tenure's row, none for managers and leaders.</summary>
    public IReadOnlyList<LeadMetric> DefaultsFor(Member member, LocalDate today)
    {
        ArgumentNullException.ThrowIfNull(member);
        return member.Role.IsRep() ? For(member.Role, TenureRule.Of(member, today))?.Metrics ?? [] : [];
    }

    /// <summary>
    /// What to add once a rep is proficient: their row's suggestion, or else the first metric of their role's
    /// other rows they do not carry yet; null when there is nothing left to suggest.
    /// </summary>
    public LeadMetric? NextFor(Member member, LocalDate today)
    {
        ArgumentNullException.ThrowIfNull(member);
        bool Carried(LeadMetric m) => member.Metrics.Any(x => x.Key == m.Key);
        var row = For(member.Role, TenureRule.Of(member, today));
        if (row?.Next is { } next && !Carried(next))
        {
            return next;
        }

        return Rows.Where(r => r.Role == member.Role).SelectMany(r => r.Metrics.Append(r.Next)).OfType<LeadMetric>()
            .Concat(MetricCatalog.All).FirstOrDefault(m => !Carried(m));
    }

    /// <summary>Every metric the team knows: the plan's, then the catalogue's, once per key.</summary>
    public IReadOnlyList<LeadMetric> Known =>
        Rows.SelectMany(r => r.Metrics.Append(r.Next)).OfType<LeadMetric>().Concat(MetricCatalog.All)
            .DistinctBy(m => m.Key, StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>"calls", "Calls", "meetings booked" or "meeting" find the metric; null when none or several do.</summary>
    public LeadMetric? Find(string typed)
    {
        var wanted = (typed ?? string.Empty).Trim().ToLowerInvariant();
        if (wanted.Length == 0)
        {
            return null;
        }

        var known = Known;
        var exact = known.Where(m => m.Key.Equals(wanted, StringComparison.OrdinalIgnoreCase)
                                     || m.Name.Equals(wanted, StringComparison.OrdinalIgnoreCase)
                                     || m.Unit.Equals(wanted, StringComparison.OrdinalIgnoreCase)).ToList();
        if (exact.Count == 1)
        {
            return exact[0];
        }

        var prefix = known.Where(m => m.Key.StartsWith(wanted, StringComparison.OrdinalIgnoreCase)
                                      || m.Name.StartsWith(wanted, StringComparison.OrdinalIgnoreCase)
                                      || wanted.StartsWith(m.Key, StringComparison.OrdinalIgnoreCase)).ToList();
        return prefix.Count == 1 ? prefix[0] : null;
    }

    /// <summary>What is wrong with a plan, in words an admin can fix; empty when it is sound.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Rows.Count == 0)
        {
            problems.Add("The plan has no rows; give at least one role and tenure.");
        }

        foreach (var group in Rows.GroupBy(r => (r.Role, r.Tenure)).Where(g => g.Count() > 1))
        {
            problems.Add($"{group.Key.Role} {group.Key.Tenure} appears {group.Count()} times; give each role and tenure once.");
        }

        foreach (var row in Rows)
        {
            var where = $"{row.Role} {row.Tenure}";
            if (!row.Role.IsRep())
            {
                problems.Add($"{where}: only hunters and farmers carry lead metrics.");
            }

            if (row.Metrics.Count is 0 or > Member.MaxActiveMetrics)
            {
                problems.Add($"{where}: give 1 to {Member.MaxActiveMetrics} metrics; {row.Metrics.Count} were given.");
            }

            foreach (var duplicate in row.Metrics.GroupBy(m => m.Key, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            {
                problems.Add($"{where}: the metric '{duplicate.Key}' appears twice.");
            }

            foreach (var metric in row.Metrics.Append(row.Next).OfType<LeadMetric>())
            {
                problems.AddRange(MetricProblems(metric).Select(p => $"{where}: {p}"));
            }
        }

        // One key means one thing across the plan, so a rep's history reads the same whichever row they were on.
        foreach (var clash in Rows.SelectMany(r => r.Metrics.Append(r.Next)).OfType<LeadMetric>()
                     .GroupBy(m => m.Key, StringComparer.OrdinalIgnoreCase)
                     .Where(g => g.Select(m => (m.Name, m.Unit, m.HigherIsBetter)).Distinct().Count() > 1))
        {
            problems.Add($"The metric '{clash.Key}' has different names or units in different rows; use one.");
        }

        return problems;
    }

    /// <summary>Problems with one metric: a short lowercase key, a name, a target a rep can reach in a day.</summary>
    public static IReadOnlyList<string> MetricProblems(LeadMetric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var problems = new List<string>();
        if (string.IsNullOrEmpty(metric.Key) || metric.Key.Length > MaxKeyLength || !metric.Key.All(c => c is >= 'a' and <= 'z'))
        {
            problems.Add($"the key '{metric.Key}' must be 1 to {MaxKeyLength} lowercase letters.");
        }

        if (string.IsNullOrWhiteSpace(metric.Name) || metric.Name.Length > MaxNameLength || string.IsNullOrWhiteSpace(metric.Unit) || metric.Unit.Length > MaxNameLength)
        {
            problems.Add($"'{metric.Key}' needs a name and a unit of at most {MaxNameLength} characters.");
        }

        if (!TargetRule.IsValid(metric.DailyTarget))
        {
            problems.Add($"'{metric.Key}' has the daily target {metric.DailyTarget}; use {TargetRule.Min} to {TargetRule.Max}.");
        }

        return problems;
    }
}

/// <summary>One role and tenure: the metrics a rep starts on and the one to add when proficient.</summary>
public sealed record MetricPlanRow(MemberRole Role, Tenure Tenure, IReadOnlyList<LeadMetric> Metrics, LeadMetric? Next = null);

/// <summary>A daily target a manager may set: at least one, and no more than a day can hold.</summary>
public static class TargetRule
{
    public const int Min = 1;
    public const int Max = 1_000;

    public static bool IsValid(int target) => target is >= Min and <= Max;
}
