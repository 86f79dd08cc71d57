using NodaTime;
using SalesBot.Core.Metrics;
using SalesBot.Core.Wins;

namespace SalesBot.Core.Tests;

public sealed class QuotaTests
{
    [Theory]
    [InlineData("@ava 5 deals", "ava", 5, null, null)]
    [InlineData("Ava $40,000", "Ava", null, 40000.0, "$")]
    [InlineData("ava patel 5 deals and €40k", "ava patel", 5, 40000.0, "€")]
    [InlineData("ben 40000 revenue", "ben", null, 40000.0, null)]
    [InlineData("ben 1 deal, $2,500", "ben", 1, 2500.0, "$")]
    public void A_quota_is_read_name_first_then_deals_and_revenue(string text, string name, int? deals, double? revenue, string? currency)
    {
        var (who, quota, problem) = QuotaText.Parse(text);

        Assert.Null(problem);
        Assert.Equal(name, who);
        Assert.Equal(new MonthlyQuota(deals, (decimal?)revenue, currency), quota);
    }

    [Theory]
    [InlineData("ava 0 deals", "more than zero")]
    [InlineData("ava -5 deals", "can't be negative")]
    [InlineData("ava 5000 deals", "more than I can track")]
    [InlineData("ava $99,000,000,000", "check the number")]
    [InlineData("ava 5 apples", "couldn't read")]
    public void A_quota_that_makes_no_sense_is_refused(string text, string said) =>
        Assert.Contains(said, QuotaText.Parse(text).Problem, StringComparison.Ordinal);

    [Fact]
    public void Off_removes_a_quota_and_a_name_alone_asks_to_see_it()
    {
        Assert.True(QuotaText.Parse("ava off").Quota!.IsEmpty);
        Assert.Equal(("ava", (MonthlyQuota?)null, (string?)null), QuotaText.Parse("@ava"));
    }

    [Fact]
    public void Progress_counts_deal_closed_wins_of_the_month_in_the_reps_own_zone()
    {
        var auckland = DateTimeZoneProviders.Tzdb["Pacific/Auckland"];
        var quota = new MonthlyQuota(3, 40000m, "$");
        Win Deal(string id, Instant at, decimal? amount, WinKind kind = WinKind.DealClosed) =>
            new() { Id = id, MemberId = "rep-1", TeamId = "t", Kind = kind, Text = "x", At = at, Amount = amount };
        var wins = new[]
        {
            Deal("nov-utc-dec-local", Instant.FromUtc(2026, 11, 30, 12, 0), 10000m), // 1 Dec 01:00 in Auckland
            Deal("dec", Instant.FromUtc(2026, 12, 10, 1, 0), null),
            Deal("meeting", Instant.FromUtc(2026, 12, 10, 1, 0), 99m, WinKind.MeetingWon),
            Deal("last-month", Instant.FromUtc(2026, 11, 29, 10, 0), 5000m), // 29 Nov 23:00 in Auckland
            Deal("jan-local", Instant.FromUtc(2026, 12, 31, 12, 0), 7000m), // 1 Jan 01:00 in Auckland
        };

        var outcome = LagOutcome.For("rep-1", new YearMonth(2026, 12), auckland, quota, wins);

        Assert.Equal((2, 10000m), (outcome.Deals, outcome.Revenue));
        Assert.False(outcome.QuotaMet);
        Assert.Equal("2 of 3 deals (66%) · $10,000 of $40,000 (25%)", outcome.Progress());
    }

    [Fact]
    public void A_quota_of_deals_only_is_met_by_deals_alone()
    {
        var outcome = new LagOutcome("rep-1", new YearMonth(2026, 12), 5, 0m, new MonthlyQuota(5, null));

        Assert.True(outcome.QuotaMet);
        Assert.Equal("5 of 5 deals (100%) ✅ quota met", outcome.Progress());
    }

    [Theory]
    [InlineData(12000, null, "12,000")]
    [InlineData(1234567.5, "€", "€1,234,567.50")]
    [InlineData(0, "$", "$0")]
    public void Amounts_have_thousands_separators_and_the_symbol_typed(double amount, string? currency, string shown) =>
        Assert.Equal(shown, Money.Format((decimal)amount, currency));
}
