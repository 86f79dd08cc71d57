using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using NodaTime.Testing;
using SalesBot.Conversations;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Storage.Conformance;
using SalesBot.Storage.Cosmos.Tests.Infrastructure;
using SalesBot.Testing;
using SalesBot.Testing.Cosmos;

namespace SalesBot.Storage.Cosmos.Tests;

/// <summary>
/// Real turns through the real engine and flows on Cosmos DB, counted by the request handler: what a
/// turn costs is fixed by the team's size, never by how many months of history it has.
/// </summary>
[Collection(CosmosCollection.Name)]
public sealed class TurnBudgetTests(CosmosServer server)
{
    private const int TeamSize = 50;

    /// <summary>Claim; account lookup, member, team, conversation reference; today's check-in and the history window; commit: check-in, its month (read and replace), done mark.</summary>
    private const int CheckInTurnBudget = 11;

    /// <summary>Claim; account lookup, member, team, conversation reference; one roster query and one month-rollup query per member; done mark.</summary>
    private const int TeamStatusBudget = 6 + 1 + TeamSize;

    /// <summary>The most month rollups one rep's summary reads: the months of the 120-day lookback and the month itself.</summary>
    private const int MonthsPerRep = 6;

    [Fact]
    public async Task A_check_in_turn_costs_the_same_operations_with_a_month_or_a_year_of_history()
    {
        var month = await MeasureAsync(months: 1, "rep-01", "calls 12, meetings 1, proposals 0");
        var year = await MeasureAsync(months: 12, "rep-01", "calls 12, meetings 1, proposals 0");

        Assert.Equal(month, year);
        Assert.Equal(CheckInTurnBudget, month.Count);
    }

    [Fact]
    public async Task Team_status_for_fifty_reps_costs_the_same_operations_with_a_month_or_a_year_of_history()
    {
        var month = await MeasureAsync(months: 1, "manager", "status");
        var year = await MeasureAsync(months: 12, "manager", "status");

        Assert.Equal(month, year);
        Assert.Equal(TeamStatusBudget, month.Count);
    }

    [Fact]
    public async Task Status_month_for_fifty_reps_with_a_year_of_history_costs_what_it_costs_with_a_month()
    {
        var month = await MeasureAsync(months: 1, "manager", "status month", allReps: true);
        var year = await MeasureAsync(months: 12, "manager", "status month", allReps: true);

        Assert.Equal(month, year);
        Assert.Equal(TeamStatusBudget, month.Count);
        Assert.Equal(TeamSize, month.Count(o => o == "Query history"));
    }

    [Fact]
    public async Task Status_month_reads_a_bounded_number_of_month_documents_per_rep()
    {
        await using var db = await server.CreateDatabaseAsync();
        var database = new CosmosDatabase(db.Database, db.Options);
        await SeedRollupsAsync(database, ["rep-01"], months: 12, TestData.Friday);

        var read = await new CosmosRollups(database).ListAsync("rep-01", new YearMonth(2025, 1), new YearMonth(2027, 1));
        var window = await new CosmosRollups(database).ListAsync("rep-01",
            Core.Summaries.MonthRollup.MonthOf(TestData.Friday.PlusDays(-Conversations.Flows.MemberHistory.LookbackDays)), Core.Summaries.MonthRollup.MonthOf(TestData.Friday));

        Assert.True(read.Count >= 12);
        Assert.InRange(window.Count, 1, MonthsPerRep);
    }

    /// <summary>Seeds a team of 50 (the first reps with <paramref name="months"/> of daily check-ins), then counts one turn's operations by kind.</summary>
    private async Task<List<string>> MeasureAsync(int months, string speaker, string text, bool allReps = false)
    {
        await using var db = await server.CreateDatabaseAsync();
        var clock = new FakeClock(TestData.MondayMorningInNewYork);
        await using var services = new ServiceCollection()
            .AddSingleton<IClock>(clock)
            .AddSingleton<IChannelMessenger>(new ConcurrentMessenger(TestData.Channel))
            .AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>))
            .AddSingleton(new CosmosDatabase(db.Database, db.Options))
            .AddSalesBotCosmosStores()
            .AddSalesBotConversations()
            .BuildServiceProvider();
        await SeedAsync(services.GetRequiredService<IStoreWriter>(), months, clock.GetCurrentInstant());
        if (allReps)
        {
            await SeedRollupsAsync(services.GetRequiredService<CosmosDatabase>(), Enumerable.Range(4, TeamSize - 3).Select(i => $"rep-{i:00}"), months, TestData.Friday);
        }

        using var scope = services.CreateScope();
        var inbound = TestRecords.Message(speaker, text, clock.GetCurrentInstant(), "measured-turn");
        using var log = CosmosOperationCounter.Measure();
        var result = await scope.ServiceProvider.GetRequiredService<IConversationEngine>().HandleAsync(inbound);

        Assert.NotEmpty(result.Replies);
        return log.ItemOperations.Select(o => $"{o.Kind} {o.Container}").ToList();
    }

    private static async Task SeedAsync(IStoreWriter writer, int months, Instant now)
    {
        var reps = Enumerable.Range(1, TeamSize).Select(i => MemberBuilder.ARep($"rep-{i:00}").Build()).ToList();
        await writer.CommitAsync(c =>
        {
            c.PutTeam(TestData.Team, Expect.Absent).PutOrganization(TestData.Organization, Expect.Absent);
            c.PutMember(MemberBuilder.AManager("manager").Build(), Expect.Absent).PutConversation(TestRecords.DirectChat("manager", now));
            foreach (var rep in reps)
            {
                c.PutMember(rep, Expect.Absent).PutConversation(TestRecords.DirectChat(rep.Id, now));
            }
        });

        // History only for a few reps keeps the seeding quick; a year of it is far past every window a turn reads.
        foreach (var rep in reps.Take(3))
        {
            await writer.CommitAsync(c =>
            {
                for (var day = TestData.Friday.PlusMonths(-months); day < TestData.Friday; day = day.PlusDays(1))
                {
                    c.PutCheckIn(CheckInBuilder.ACheckIn().For(rep.Id).On(day).With("calls", 20).Build(), Expect.Any);
                }
            });
        }
    }

    /// <summary>
    /// Month rollups as the writer keeps them (a check-in every working day), written directly for the
    /// reps whose check-ins the seed leaves out: the status views read only these.
    /// </summary>
    private static async Task SeedRollupsAsync(CosmosDatabase db, IEnumerable<string> reps, int months, LocalDate before)
    {
        var writes = new List<Task>();
        foreach (var rep in reps)
        {
            for (var month = Core.Summaries.MonthRollup.MonthOf(before.PlusMonths(-months)); month.CompareTo(Core.Summaries.MonthRollup.MonthOf(before)) <= 0; month = month.PlusMonths(1))
            {
                var days = Enumerable.Range(1, CalendarSystem.Iso.GetDaysInMonth(month.Year, month.Month)).Select(month.OnDayOfMonth)
                    .Where(d => d < before && d >= before.PlusMonths(-months) && d.DayOfWeek < IsoDayOfWeek.Saturday);
                var rollup = Core.Summaries.MonthRollup.Build(rep, month, days.Select(d => CheckInBuilder.ACheckIn().For(rep).On(d).With("calls", 20).Build()), []);
                writes.Add(CosmosItems.WriteAsync(db.History, new CosmosDocument<Core.Summaries.MonthRollup>
                {
                    Id = CosmosKeys.MonthId(month), Pk = CosmosKeys.HistoryPk(rep), Type = "month",
                    Sort = NodaTime.Text.YearMonthPattern.Iso.Format(month), Body = rollup,
                }, Expect.Any, CancellationToken.None));
            }
        }

        await Task.WhenAll(writes);
    }
}
