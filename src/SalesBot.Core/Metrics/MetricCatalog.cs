using SalesBot.Core.Organization;

namespace SalesBot.Core.Metrics;

/// <summary>
/// Sensible starting metrics by role (seed 001: "2–3 lead metrics per role and tenure"); a manager
/// changes them later.
/// </summary>
public static class MetricCatalog
{
    public static readonly LeadMetric Calls = new("calls", "Calls", "calls", 30);
    public static readonly LeadMetric Meetings = new("meetings", "Meetings booked", "meetings", 3);
    public static readonly LeadMetric Proposals = new("proposals", "Proposals sent", "proposals", 1);
    public static readonly LeadMetric AccountReviews = new("reviews", "Account reviews", "reviews", 2);
    public static readonly LeadMetric Referrals = new("referrals", "Referrals asked", "asks", 2);

    /// <summary>Every catalogue metric, for a manager adding one the team's plan does not name.</summary>
    public static IReadOnlyList<LeadMetric> All { get; } = [Calls, Meetings, Proposals, AccountReviews, Referrals];

    public static IReadOnlyList<LeadMetric> DefaultsFor(MemberRole role) => role switch
    {
        MemberRole.Hunter => [Calls, Meetings, Proposals],
        MemberRole.Farmer => [AccountReviews, Meetings, Referrals],
        _ => [],
    };
}
