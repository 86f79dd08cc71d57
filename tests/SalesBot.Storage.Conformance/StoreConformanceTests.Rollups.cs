using NodaTime;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Wins;
using SalesBot.Testing;

namespace SalesBot.Storage.Conformance;

/// <summary>Month rollups: kept by the writer in the same commit as the check-in or win, a day replaced on correction, never counted twice.</summary>
public abstract partial class StoreConformanceTests
{
    private static readonly YearMonth November = new(2026, 11);

    [Fact]
    public async Task A_corrected_check_in_replaces_its_day_in_the_month_so_nothing_is_counted_twice()
    {
        var day = new LocalDate(2026, 11, 20);
        await Stores.CommitAsync(c => c.PutCheckIn(CheckInBuilder.ACheckIn().On(day).With("calls", 33).WithPlan("Call Acme").WithBlockers("Legal").Build(), Expect.Absent));
        var read = await Stores.CheckIns.GetAsync("rep-1", day);

        await Stores.CommitAsync(c => c.PutCheckIn(read!.Value with { Values = new Dictionary<string, int> { ["calls"] = 32 } }, read.AsExpected));

        var month = Assert.Single(await Stores.Rollups.ListAsync("rep-1", November, November));
        var kept = Assert.Single(month.CheckIns);
        Assert.Equal(32, kept.Values["calls"]);
        Assert.Equal("Legal", kept.Blockers);
        Assert.Empty(kept.Plan);
    }

    [Fact]
    public async Task Check_ins_and_wins_are_kept_in_their_own_months_and_listed_oldest_first()
    {
        await Stores.CommitAsync(c =>
        {
            foreach (var day in new[] { new LocalDate(2026, 12, 1), new LocalDate(2026, 10, 30), new LocalDate(2026, 11, 3), new LocalDate(2026, 11, 2) })
            {
                c.PutCheckIn(CheckInBuilder.ACheckIn().On(day).With("calls", day.Day).Build(), Expect.Absent);
            }

            c.PutCheckIn(CheckInBuilder.ACheckIn().For("someone-else").On(new LocalDate(2026, 11, 2)).Build(), Expect.Absent);
        });
        var win = new Win { Id = "w1", MemberId = "rep-1", TeamId = TestData.TeamId, Kind = WinKind.DealClosed, Text = "Closed Acme", At = T0 };
        await Stores.CommitAsync(c => c.AddWin(win));
        await Stores.CommitAsync(c => c.AddWin(win with { Text = "replayed" }));

        var months = await Stores.Rollups.ListAsync("rep-1", November, new YearMonth(2026, 12));

        Assert.Equal([November, new YearMonth(2026, 12)], months.Select(m => m.Month));
        Assert.Equal([new LocalDate(2026, 11, 2), new LocalDate(2026, 11, 3)], months[0].CheckIns.Select(c => c.ReportDate));
        Assert.Equal("Closed Acme", Assert.Single(months[0].Wins).Text);
        Assert.Empty(months[1].Wins);
        Assert.Empty(await Stores.Rollups.ListAsync("rep-1", new YearMonth(2026, 6), new YearMonth(2026, 9)));
    }

    [Fact]
    public async Task Check_ins_of_one_month_written_at_the_same_time_all_reach_its_rollup()
    {
        var days = Enumerable.Range(2, 8).Select(d => new LocalDate(2026, 11, d)).ToList();

        await Task.WhenAll(days.Select(day => Task.Run(() =>
            Stores.CommitAsync(c => c.PutCheckIn(CheckInBuilder.ACheckIn().On(day).With("calls", day.Day).Build(), Expect.Absent)))));

        var month = Assert.Single(await Stores.Rollups.ListAsync("rep-1", November, November));
        Assert.Equal(days, month.CheckIns.Select(c => c.ReportDate));
        Assert.Equal(days.Sum(d => d.Day), month.CheckIns.Sum(c => c.Values["calls"]));
    }
}
