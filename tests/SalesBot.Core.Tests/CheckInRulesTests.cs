using NodaTime;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Metrics;

namespace SalesBot.Core.Tests;

public class CheckInRulesTests
{
    private static readonly IReadOnlyList<LeadMetric> Metrics = MetricCatalog.DefaultsFor(Organization.MemberRole.Hunter);
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 14, 0);
    private static readonly LocalDate Friday = new(2026, 11, 20);

    private static CheckInValidation Validate(string? calls, string? meetings, string? proposals) =>
        CheckInRules.Validate("rep-1", Friday, Metrics,
            new CheckInDraft(new Dictionary<string, string?> { ["calls"] = calls, ["meetings"] = meetings, ["proposals"] = proposals }, [], null), Now);

    [Fact]
    public void Whole_non_negative_numbers_make_a_check_in()
    {
        var result = Validate("32", "4", "0");

        Assert.True(result.IsValid);
        Assert.Equal(32, result.CheckIn!.Values["calls"]);
        Assert.Equal(0, result.CheckIn.Values["proposals"]);
        Assert.Equal(Friday, result.CheckIn.ReportDate);
    }

    [Theory]
    [InlineData("-3", "can't be negative")]
    [InlineData("12.5", "whole number")]
    [InlineData("lots", "isn't a number")]
    [InlineData("250000", "looks like a typo")]
    [InlineData("", "please enter a number")]
    public void Bad_values_are_rejected_with_a_reason_for_that_metric(string calls, string reason)
    {
        var result = Validate(calls, "4", "1");

        Assert.False(result.IsValid);
        Assert.Contains(reason, result.Errors["calls"], StringComparison.Ordinal);
        Assert.False(result.Errors.ContainsKey("meetings"));
    }

    [Fact]
    public void The_sane_bound_itself_is_accepted()
    {
        Assert.True(Validate(CheckInRules.MaxDailyValue.ToString(System.Globalization.CultureInfo.InvariantCulture), "0", "0").IsValid);
        Assert.False(Validate((CheckInRules.MaxDailyValue + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), "0", "0").IsValid);
    }

    [Fact]
    public void An_empty_submission_says_which_numbers_are_wanted()
    {
        var result = Validate(null, " ", "");

        Assert.False(result.IsValid);
        Assert.Contains("didn't get any numbers", result.Errors[""], StringComparison.Ordinal);
        Assert.Contains("calls", result.Errors[""], StringComparison.Ordinal);
    }

    [Fact]
    public void A_plan_has_at_most_three_items()
    {
        var draft = new CheckInDraft(new Dictionary<string, string?> { ["calls"] = "1", ["meetings"] = "1", ["proposals"] = "1" },
            ["a", "b", "c", "d"], null);

        var result = CheckInRules.Validate("rep-1", Friday, Metrics, draft, Now);

        Assert.Contains("top 3", result.Errors["plan"], StringComparison.Ordinal);
    }

    [Fact]
    public void Metrics_the_rep_does_not_track_are_named_back()
    {
        var draft = new CheckInDraft(new Dictionary<string, string?> { ["calls"] = "1", ["meetings"] = "1", ["proposals"] = "1", ["emails"] = "9" }, [], null);

        var result = CheckInRules.Validate("rep-1", Friday, Metrics, draft, Now);

        Assert.Contains("don't track emails", result.Errors[""], StringComparison.Ordinal);
    }

    [Fact]
    public void Targets_are_met_at_or_above_unless_lower_is_better()
    {
        var calls = new LeadMetric("calls", "Calls", "calls", 30);
        var daysToFollowUp = new LeadMetric("followup", "Days to follow up", "days", 2, HigherIsBetter: false);

        Assert.True(calls.IsMet(30));
        Assert.False(calls.IsMet(29));
        Assert.True(daysToFollowUp.IsMet(2));
        Assert.False(daysToFollowUp.IsMet(3));
    }

    [Theory]
    [InlineData("proposals", 1, "1 proposal")]
    [InlineData("proposals", 0, "0 proposals")]
    [InlineData("calls", 2, "2 calls")]
    [InlineData("days", 1, "1 day")]
    [InlineData("business", 1, "1 business")]
    public void A_count_reads_as_english_one_proposal_two_proposals(string unit, int value, string expected) =>
        Assert.Equal(expected, new LeadMetric("m", "M", unit, 1).CountOf(value));
}
