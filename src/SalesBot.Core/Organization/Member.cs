using NodaTime;
using SalesBot.Core.Metrics;
using SalesBot.Core.Schedules;

namespace SalesBot.Core.Organization;

/// <summary>A person on a sales team: a rep, a manager or a leader.</summary>
public sealed record Member
{
    public const int MaxActiveMetrics = 3;

    public required string Id { get; init; }
    public required string TeamId { get; init; }
    public required string DisplayName { get; init; }
    public required MemberRole Role { get; init; }

    /// <summary>When the member started in this role; tenure drives which metrics suit them (seed 001).</summary>
    public required LocalDate StartDate { get; init; }

    /// <summary>IANA time zone id, e.g. <c>Europe/London</c>.</summary>
    public required string TimeZoneId { get; init; }

    public string? ManagerId { get; init; }

    /// <summary>The lead metrics this member reports on each day; at most <see cref="MaxActiveMetrics"/>.</summary>
    public IReadOnlyList<LeadMetric> Metrics { get; init; } = [];

    /// <summary>
    /// The first report day <see cref="Metrics"/> apply to; days before it use <see cref="EarlierMetrics"/>.
    /// Null when the metrics have always applied (and for members stored before metric changes were dated).
    /// </summary>
    public LocalDate? MetricsFrom { get; init; }

    /// <summary>The metrics in effect before <see cref="MetricsFrom"/>.</summary>
    public IReadOnlyList<LeadMetric> EarlierMetrics { get; init; } = [];

    /// <summary>The metrics and targets a check-in for <paramref name="reportDate"/> is made against.</summary>
    public IReadOnlyList<LeadMetric> MetricsOn(LocalDate reportDate) =>
        MetricsFrom is { } from && reportDate < from ? EarlierMetrics : Metrics;

    /// <summary>
    /// A manager's change to the metrics, taking effect on <paramref name="from"/> (the next report day), so
    /// the day being reported on keeps what it was worked against. <paramref name="currentReportDay"/> is the
    /// day a check-in now reports on. A change made before an earlier one took effect replaces it; a rep
    /// with no metrics yet gets them at once, since there is nothing to keep.
    /// </summary>
    public Member WithMetricsFrom(IReadOnlyList<LeadMetric> metrics, LocalDate from, LocalDate currentReportDay)
    {
        var checkedRules = WithMetrics(metrics);
        var inEffect = MetricsOn(currentReportDay);
        if (inEffect.Count == 0)
        {
            return checkedRules with { MetricsFrom = null, EarlierMetrics = [] };
        }

        return checkedRules with { EarlierMetrics = inEffect, MetricsFrom = from };
    }

    public IReadOnlyList<ChannelAccount> ChannelAccounts { get; init; } = [];

    /// <summary>The monthly quota (the lag outcome) their manager set; null when none is set.</summary>
    public MonthlyQuota? Quota { get; init; }

    /// <summary>The member's own schedule choices over the team's; null to follow the team.</summary>
    public ScheduleOverride? Schedule { get; init; }

    /// <summary>Days away, nearest last; past periods beyond <see cref="AwayPeriod.MaxKept"/> are dropped.</summary>
    public IReadOnlyList<AwayPeriod> TimeAway { get; init; } = [];

    /// <summary>
    /// The member asked not to be celebrated in the team channel: their wins are still stored and
    /// count (status, digests, streaks), and their manager still sees them, but nothing is posted.
    /// </summary>
    public bool PostsOff { get; init; }

    public AwayPeriod? AwayOn(LocalDate date) => TimeAway.FirstOrDefault(a => a.Covers(date));

    /// <summary>Adds days away, merged with any period they overlap or touch, keeping the list bounded.</summary>
    public Member WithTimeAway(AwayPeriod away)
    {
        ArgumentNullException.ThrowIfNull(away);
        if (away.To < away.From)
        {
            throw new DomainRuleException("Time away must end on or after the day it starts.");
        }

        if (Period.Between(away.From, away.To, PeriodUnits.Days).Days >= AwayPeriod.MaxLengthDays)
        {
            throw new DomainRuleException($"Time away can be at most {AwayPeriod.MaxLengthDays} days at a time.");
        }

        var merged = away;
        var kept = new List<AwayPeriod>();
        foreach (var period in TimeAway)
        {
            if (period.From <= merged.To.PlusDays(1) && merged.From <= period.To.PlusDays(1))
            {
                merged = merged with { From = LocalDate.Min(period.From, merged.From), To = LocalDate.Max(period.To, merged.To) };
            }
            else
            {
                kept.Add(period);
            }
        }

        kept.Add(merged);
        return this with { TimeAway = [.. kept.OrderBy(p => p.From).TakeLast(AwayPeriod.MaxKept)] };
    }

    /// <summary>Back early: time away from <paramref name="today"/> on is cancelled; earlier days stay as they were.</summary>
    public Member BackOn(LocalDate today) => this with
    {
        TimeAway = [.. TimeAway.Where(p => p.From < today).Select(p => p.To >= today ? p with { To = today.PlusDays(-1) } : p)],
    };

    public DateTimeZone TimeZone => DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZoneId) ?? DateTimeZone.Utc;

    /// <summary>Months since the start date, as of <paramref name="today"/>.</summary>
    public int TenureMonths(LocalDate today) =>
        today < StartDate ? 0 : Period.Between(StartDate, today, PeriodUnits.Months).Months;

    /// <summary>Replaces the active metrics, enforcing the 2–3 lead metric rule of seed 001.</summary>
    public Member WithMetrics(IReadOnlyList<LeadMetric> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        if (metrics.Count > MaxActiveMetrics)
        {
            throw new DomainRuleException($"A rep focuses on at most {MaxActiveMetrics} lead metrics at a time; {metrics.Count} were given.");
        }

        var duplicate = metrics.GroupBy(m => m.Key, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new DomainRuleException($"The metric '{duplicate.Key}' appears twice.");
        }

        return this with { Metrics = metrics };
    }

    public Member WithChannelAccount(ChannelAccount account) =>
        ChannelAccounts.Any(a => a.Key == account.Key) ? this : this with { ChannelAccounts = [.. ChannelAccounts, account] };
}
