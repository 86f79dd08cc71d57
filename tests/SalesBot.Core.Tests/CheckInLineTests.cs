using SalesBot.Core.CheckIns;
using SalesBot.Core.Metrics;
using SalesBot.Core.Organization;

namespace SalesBot.Core.Tests;

public class CheckInLineTests
{
    private static readonly IReadOnlyList<LeadMetric> Metrics = MetricCatalog.DefaultsFor(MemberRole.Hunter);

    [Theory]
    [InlineData("calls 32, meetings 4, proposals 1")]
    [InlineData("32 calls, 4 meetings and 1 proposal")]
    [InlineData("Calls: 32; Meetings booked: 4; proposals=1")]
    public void Reads_numbers_typed_on_one_line(string text)
    {
        var draft = CheckInLine.Parse(text, Metrics);

        Assert.Equal("32", draft.RawValues["calls"]);
        Assert.Equal("4", draft.RawValues["meetings"]);
        Assert.Equal("1", draft.RawValues["proposals"]);
    }

    [Fact]
    public void Reads_plan_and_blockers_after_the_numbers()
    {
        var draft = CheckInLine.Parse("calls 30, meetings 3, proposals 0 plan: call Acme; demo for Globex blockers: waiting on legal", Metrics);

        Assert.Equal(["call Acme", "demo for Globex"], draft.Plan);
        Assert.Equal("waiting on legal", draft.Blockers);
        Assert.Equal("0", draft.RawValues["proposals"]);
    }

    [Fact]
    public void Keeps_negative_and_decimal_values_for_the_rules_to_answer()
    {
        var draft = CheckInLine.Parse("calls -3, meetings 2.5", Metrics);

        Assert.Equal("-3", draft.RawValues["calls"]);
        Assert.Equal("2.5", draft.RawValues["meetings"]);
    }

    [Theory]
    [InlineData("calls 32", true)]
    [InlineData("12 meetings", true)]
    [InlineData("what's up", false)]
    [InlineData("dogs 4", false)]
    public void Knows_when_text_looks_like_a_check_in(string text, bool expected) =>
        Assert.Equal(expected, CheckInLine.LooksLikeNumbers(text, Metrics));
}
