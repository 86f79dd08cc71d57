using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using NodaTime.Text;
using SalesBot.Conversations.Ports;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Wins;
using SalesBot.Storage.Cosmos.Tests.Infrastructure;
using SalesBot.Testing;
using SalesBot.Testing.Cosmos;

namespace SalesBot.Storage.Cosmos.Tests;

/// <summary>History written before month rollups existed: built once at start-up, or on the month's next write.</summary>
[Collection(CosmosCollection.Name)]
public sealed class CosmosRollupBackfillTests(CosmosServer server)
{
    private static readonly LocalDate October30 = new(2026, 10, 30);
    private static readonly LocalDate November2 = new(2026, 11, 2);

    [Fact]
    public async Task The_start_up_backfill_builds_the_months_of_old_history_once()
    {
        await using var test = await server.CreateDatabaseAsync();
        var db = new CosmosDatabase(test.Database, test.Options);
        await new CosmosStoreWriter(db).CommitAsync(c => c.PutMember(MemberBuilder.ARep().Build(), Expect.Absent));
        await WriteOldCheckInAsync(db, CheckInBuilder.ACheckIn().On(October30).With("calls", 7).WithBlockers("Legal").Build());
        await WriteOldCheckInAsync(db, CheckInBuilder.ACheckIn().On(November2).With("calls", 9).Build());
        await WriteOldWinAsync(db, new Win { Id = "w1", MemberId = "rep-1", TeamId = TestData.TeamId, Kind = WinKind.DealClosed, Text = "Closed Acme", At = Instant.FromUtc(2026, 11, 3, 15, 0) });
        var backfill = new CosmosRollupBackfill(db, new CosmosScheduleIndex(db), NullLogger<CosmosRollupBackfill>.Instance);

        Assert.Equal(2, await backfill.RunAsync(CancellationToken.None));
        Assert.Null(await backfill.RunAsync(CancellationToken.None));

        var months = await new CosmosRollups(db).ListAsync("rep-1", new YearMonth(2026, 1), new YearMonth(2026, 12));
        Assert.Equal([new YearMonth(2026, 10), new YearMonth(2026, 11)], months.Select(m => m.Month));
        Assert.Equal("Legal", Assert.Single(months[0].CheckIns).Blockers);
        Assert.Equal(9, Assert.Single(months[1].CheckIns).Values["calls"]);
        Assert.Equal("w1", Assert.Single(months[1].Wins).Id);
    }

    [Fact]
    public async Task A_month_with_old_history_is_built_from_it_on_its_next_write()
    {
        await using var test = await server.CreateDatabaseAsync();
        var db = new CosmosDatabase(test.Database, test.Options);
        await WriteOldCheckInAsync(db, CheckInBuilder.ACheckIn().On(November2).With("calls", 9).Build());

        await new CosmosStoreWriter(db).CommitAsync(c => c.PutCheckIn(CheckInBuilder.ACheckIn().On(November2.PlusDays(1)).With("calls", 11).Build(), Expect.Absent));

        var month = Assert.Single(await new CosmosRollups(db).ListAsync("rep-1", new YearMonth(2026, 11), new YearMonth(2026, 11)));
        Assert.Equal([9, 11], month.CheckIns.Select(c => c.Values["calls"]));
    }

    private static Task WriteOldCheckInAsync(CosmosDatabase db, CheckIn checkIn) =>
        CosmosItems.WriteAsync(db.History, new CosmosDocument<CheckIn>
        {
            Id = CosmosKeys.CheckInId(checkIn.ReportDate), Pk = CosmosKeys.HistoryPk(checkIn.MemberId), Type = "checkin",
            Sort = LocalDatePattern.Iso.Format(checkIn.ReportDate), Body = checkIn,
        }, Expect.Absent, CancellationToken.None);

    private static Task<bool> WriteOldWinAsync(CosmosDatabase db, Win win) =>
        CosmosItems.CreateIfAbsentAsync(db.History, new CosmosDocument<Win>
        {
            Id = CosmosKeys.WinId(win.Id), Pk = CosmosKeys.HistoryPk(win.MemberId), Type = "win", Due = win.At.ToUnixTimeMilliseconds(), Body = win,
        }, CancellationToken.None);
}
