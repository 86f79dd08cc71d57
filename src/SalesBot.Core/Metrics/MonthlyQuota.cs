namespace SalesBot.Core.Metrics;

/// <summary>
/// The lag outcome a manager sets for a rep each month: a number of deals, an amount of revenue, or
/// both. <see cref="Currency"/> is the symbol the manager typed ("$", "€", "£"), used only for display.
/// </summary>
public sealed record MonthlyQuota(int? Deals, decimal? Revenue, string? Currency = null)
{
    public const int MaxDeals = 1000;
    public const decimal MaxRevenue = 1_000_000_000m;

    public bool IsEmpty => Deals is null && Revenue is null;

    /// <summary>Why this cannot be a quota, or null when it can.</summary>
    public string? Problem() => this switch
    {
        { Deals: null, Revenue: null } => "Say how many deals, how much revenue, or both, e.g. \"5 deals\" or \"$40,000\".",
        { Deals: <= 0 } or { Revenue: <= 0 } => "A quota has to be more than zero. To remove one, say \"quota <name> off\".",
        { Deals: > MaxDeals } => $"{MaxDeals:N0} deals a month is more than I can track; check the number.",
        { Revenue: > MaxRevenue } => $"Revenue quotas go up to {MaxRevenue:N0} a month; check the number.",
        _ => null,
    };

    public string Describe() => string.Join(" and ", new[]
    {
        Deals is { } d ? $"{d} {(d == 1 ? "deal" : "deals")}" : null,
        Revenue is { } r ? Money.Format(r, Currency) : null,
    }.OfType<string>());
}
