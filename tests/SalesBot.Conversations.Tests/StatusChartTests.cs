using SalesBot.Conversations.Messages;
using SalesBot.Testing;

namespace SalesBot.Conversations.Tests;

/// <summary>
/// The charts in the status views, number by number, over the seeded week of <see cref="StatusViewTests"/>
/// (Ava: 31, 32, 33 and a corrected 40 calls Mon–Thu, 3 meetings and 1 proposal each day, 10 calls a day the
/// week before; Ben: Monday and Tuesday, away Wednesday and Thursday).
/// </summary>
public sealed class StatusChartTests : IAsyncLifetime
{
    private TestBot _bot = null!;

    public async Task InitializeAsync() => _bot = await StatusViewTests.SeededAsync(TestData.MondayMorningInNewYork);

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task The_team_week_chart_has_a_bar_per_rep_for_lead_metrics_and_check_ins_as_a_percentage_of_target_against_the_100_line()
    {
        var chart = ChartOf(await _bot.SayAsync("status week", "manager-1"));

        Assert.Equal(ChartKind.Bars, chart.Kind);
        Assert.Equal("Test Sales · week of Mon 16 Nov", chart.Title);
        Assert.Equal(["Ava Patel", "Ben Okafor"], chart.Labels);
        Assert.Equal(["Lead metrics vs target", "Check-ins vs expected"], chart.Series.Select(s => s.Name));
        // Ava: calls 136/150 = 91%, meetings 12/15 = 80%, proposals 4/5 = 80%: 84% on average. Ben, 3 days
        // expected: calls 22/90 = 24%, meetings 6/9 = 67%, proposals 2/3 = 67%: 53%.
        Assert.Equal([84, 53], chart.Series[0].Values);
        // Check-ins: Ava 4 of 5, Ben 2 of 3 (away Wednesday and Thursday).
        Assert.Equal([80, 67], chart.Series[1].Values);
        Assert.Equal(100, chart.Target);
        Assert.Equal("% of target", chart.YAxis);
    }

    [Fact]
    public async Task The_team_month_chart_counts_the_whole_month_to_the_report_day()
    {
        var chart = ChartOf(await _bot.SayAsync("status month", "manager-1"));

        Assert.Equal("Test Sales · November 2026", chart.Title);
        // Ava, 15 working days to Fri 20 Nov, 9 check-ins: calls 186/450 = 41%, meetings 27/45 and proposals 9/15 = 60%.
        Assert.Equal(54, chart.Series[0].Values[0]);
        Assert.Equal(60, chart.Series[1].Values[0]);
        Assert.Equal(100, chart.Target);
    }

    [Fact]
    public async Task One_reps_chart_has_a_line_per_lead_metric_over_their_working_days_with_gaps_where_they_did_not_check_in()
    {
        var chart = ChartOf(await _bot.SayAsync("status ava", "manager-1"));

        Assert.Equal(ChartKind.Lines, chart.Kind);
        Assert.Equal("Ava Patel · November 2026", chart.Title);
        Assert.Equal(["2 Nov", "3 Nov", "4 Nov", "5 Nov", "6 Nov", "9 Nov", "10 Nov", "11 Nov", "12 Nov", "13 Nov", "16 Nov", "17 Nov", "18 Nov", "19 Nov", "20 Nov"], chart.Labels);
        Assert.Equal(["Calls (target 30)", "Meetings booked (target 3)", "Proposals sent (target 1)"], chart.Series.Select(s => s.Name));
        double? none = null;
        // 10 calls = 33% of 30; then 31, 32, 33 and the corrected 40.
        Assert.Equal([none, none, none, none, none, 33, 33, 33, 33, 33, 103, 107, 110, 133, none], chart.Series[0].Values);
        Assert.Equal([none, none, none, none, none, 100, 100, 100, 100, 100, 100, 100, 100, 100, none], chart.Series[1].Values);
        Assert.Equal(chart.Series[1].Values, chart.Series[2].Values);
        Assert.Equal(100, chart.Target);
        Assert.Equal("% of daily target", chart.YAxis);
    }

    [Fact]
    public async Task A_reps_own_week_is_charted_over_the_days_they_were_expected_leaving_out_days_away()
    {
        var chart = ChartOf(await _bot.SayAsync("status week", "rep-2"));

        Assert.Equal("Ben Okafor · week of Mon 16 Nov", chart.Title);
        // Wednesday's check-in would have been asked on Thursday, while away: only Mon, Tue (made anyway) and Fri.
        Assert.Equal(["Mon 16", "Tue 17", "Fri 20"], chart.Labels);
        Assert.Equal([33, 40, null], chart.Series[0].Values);
    }

    [Theory]
    [InlineData("status @ben", "rep-1")]
    [InlineData("status zed", "manager-1")]
    [InlineData("status ava", "manager-2")]
    public async Task Someone_who_may_not_see_a_reps_numbers_gets_no_chart_of_them(string command, string who)
    {
        var result = await _bot.SayAsync(command, who);

        Assert.DoesNotContain(result.Replies.SelectMany(r => r.Blocks), b => b is ChartBlock);
    }

    [Fact]
    public async Task A_chart_survives_the_outbox_as_the_same_data()
    {
        var message = Assert.Single((await _bot.SayAsync("status week", "manager-1")).Replies);

        var back = MessageJson.Deserialize<OutboundMessage>(MessageJson.Serialize(message));

        Assert.Equal(MessageJson.Serialize(ChartOf(message)), MessageJson.Serialize(ChartOf(back)));
    }

    private static Chart ChartOf(TurnResult result) => ChartOf(Assert.Single(result.Replies));

    private static Chart ChartOf(OutboundMessage message) => Assert.Single(message.Blocks.OfType<ChartBlock>()).Chart;
}
