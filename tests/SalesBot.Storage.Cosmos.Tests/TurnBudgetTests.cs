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

    /// <summary>Claim; account lookup, member, team, conversation reference; today's check-in and the history window; commit: check-in, done mark.</summary>
    private const int CheckInTurnBudget = 9;

    /// <summary>Claim; account lookup, member, team, conversation reference; one roster query and one history-window query per member; done mark.</summary>
    private const int TeamStatusBudget = 6 + 1 + TeamSize;

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

    /// <summary>Seeds a team of 50 (the first reps with <paramref name="months"/> of daily check-ins), then counts one turn's operations by kind.</summary>
    private async Task<List<string>> MeasureAsync(int months, string speaker, string text)
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
}
