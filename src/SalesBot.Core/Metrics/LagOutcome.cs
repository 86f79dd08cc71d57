using NodaTime;

namespace SalesBot.Core.Metrics;

/// <summary>The results the lead metrics drive: deals and revenue in a month, against quota.</summary>
public sealed record LagOutcome(string MemberId, YearMonth Month, int Deals, decimal Revenue, int DealQuota, decimal RevenueQuota)
{
    public decimal RevenueAttainment => RevenueQuota <= 0 ? 0 : Revenue / RevenueQuota;

    public bool QuotaMet => Revenue >= RevenueQuota && Deals >= DealQuota;
}
