using NodaTime;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Summaries;
using SalesBot.Testing;

namespace SalesBot.Storage.Sqlite.Tests;

/// <summary>
/// The month rollups a summary reads are parsed once and kept while unchanged: reading a team's lookback
/// again parses only the months written since, and a write by any writer of the file (another instance
/// included) is seen at once.
/// </summary>
public sealed class SqliteRollupCacheTests : IAsyncLifetime
{
    private static readonly YearMonth October = new(2026, 10);
    private static readonly YearMonth November = new(2026, 11);
    private TempSqlite _file = null!;

    public async Task InitializeAsync()
    {
        _file = await TempSqlite.CreateAsync();
        await new SqliteStoreWriter(_file.Database).CommitAsync(c => c
            .PutOrganization(TestData.Organization, Expect.Absent).PutTeam(TestData.Team, Expect.Absent)
            .PutMember(MemberBuilder.ARep("rep-01").Build(), Expect.Absent)
            .PutCheckIn(CheckInBuilder.ACheckIn().For("rep-01").On(new LocalDate(2026, 10, 30)).With("calls", 20).Build(), Expect.Absent)
            .PutCheckIn(CheckInBuilder.ACheckIn().For("rep-01").On(TestData.Friday.PlusDays(-1)).With("calls", 21).Build(), Expect.Absent));
    }

    public async Task DisposeAsync() => await _file.DisposeAsync();

    [Fact]
    public async Task Reading_the_months_again_reuses_the_months_that_did_not_change()
    {
        using var rollups = new SqliteRollups(_file.Database);
        var first = await rollups.ListAsync("rep-01", October, November);
        await new SqliteStoreWriter(_file.Database).CommitAsync(c =>
            c.PutCheckIn(CheckInBuilder.ACheckIn().For("rep-01").On(TestData.Friday).With("calls", 33).Build(), Expect.Absent));

        var again = await rollups.ListAsync("rep-01", October, November);

        Assert.Equal([October, November], again.Select(m => m.Month));
        Assert.Same(first[0], again[0]); // October did not change: not parsed again
        Assert.NotSame(first[1], again[1]);
        Assert.Equal([TestData.Friday.PlusDays(-1), TestData.Friday], again[1].CheckIns.Select(c => c.ReportDate));
    }

    [Fact]
    public async Task A_month_changed_by_another_instance_of_the_file_is_read_fresh()
    {
        using var rollups = new SqliteRollups(_file.Database);
        Assert.Single((await rollups.ListAsync("rep-01", November, November))[0].CheckIns);
        await using (var other = new SqliteDatabase(_file.Path))
        {
            await new SqliteStoreWriter(other).CommitAsync(c =>
                c.PutCheckIn(CheckInBuilder.ACheckIn().For("rep-01").On(TestData.Friday).With("calls", 33).Build(), Expect.Absent));
        }

        var november = Assert.Single(await rollups.ListAsync("rep-01", November, November));

        Assert.Equal(33, november.CheckIns.Single(c => c.ReportDate == TestData.Friday).ValueOf("calls"));
    }

    [Fact]
    public async Task A_corrected_day_replaces_the_kept_month()
    {
        using var rollups = new SqliteRollups(_file.Database);
        await rollups.ListAsync("rep-01", October, November);
        var writer = new SqliteStoreWriter(_file.Database);
        var stored = await new SqliteCheckInStore(_file.Database).GetAsync("rep-01", new LocalDate(2026, 10, 30));
        await writer.CommitAsync(c =>
            c.PutCheckIn(CheckInBuilder.ACheckIn().For("rep-01").On(new LocalDate(2026, 10, 30)).With("calls", 5).Build(), Expect.For(stored)));

        var october = (await rollups.ListAsync("rep-01", October, November))[0];

        Assert.Equal(5, october.CheckIns.Single().ValueOf("calls"));
    }

    [Fact]
    public async Task A_month_first_written_after_a_read_appears_in_the_next_read()
    {
        using var rollups = new SqliteRollups(_file.Database);
        var december = new YearMonth(2026, 12);
        Assert.Equal(2, (await rollups.ListAsync("rep-01", October, december)).Count);
        await new SqliteStoreWriter(_file.Database).CommitAsync(c =>
            c.PutCheckIn(CheckInBuilder.ACheckIn().For("rep-01").On(new LocalDate(2026, 12, 1)).With("calls", 30).Build(), Expect.Absent));

        var months = await rollups.ListAsync("rep-01", October, december);

        Assert.Equal([October, November, december], months.Select(m => m.Month));
    }
}
