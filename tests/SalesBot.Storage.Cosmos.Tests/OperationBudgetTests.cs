using SalesBot.Testing.Cosmos;
using NodaTime;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Wins;
using SalesBot.Storage.Cosmos.Tests.Infrastructure;
using SalesBot.Testing;

namespace SalesBot.Storage.Cosmos.Tests;

/// <summary>
/// Each hot path makes a fixed number of Cosmos DB operations, however much history there is: the
/// request units of a turn must not grow with the months a team has used SalesBot.
/// </summary>
[Collection(CosmosCollection.Name)]
public sealed class OperationBudgetTests(CosmosServer server)
{
    private static readonly LocalDate Today = new(2026, 11, 23);
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 14, 0);

    [Theory]
    [InlineData(1)]
    [InlineData(12)]
    public async Task A_check_in_turn_costs_one_claim_one_read_and_three_writes_and_its_months_read_whatever_the_history(int months)
    {
        await using var db = await server.CreateDatabaseAsync();
        var stores = Stores(db);
        await SeedHistoryAsync(stores, "rep-1", months);

        using var log = CosmosOperationCounter.Measure();
        Assert.Equal(EventClaim.Claimed, await stores.Events.TryClaimAsync("slack:Ev1", Now, Duration.FromMinutes(2)));
        var existing = await stores.CheckIns.GetAsync("rep-1", Today);
        await stores.Writer.CommitAsync(c => c
            .PutCheckIn(CheckInBuilder.ACheckIn().For("rep-1").On(Today).With("calls", 30).SubmittedAt(Now).Build(), Expect.For(existing))
            .CompleteEvent("slack:Ev1", Now));

        Assert.Equal(
            // claim, today's check-in, the check-in, its month read and replaced on that read's ETag, the done mark
            [CosmosOperationKind.Create, CosmosOperationKind.PointRead, CosmosOperationKind.Create, CosmosOperationKind.PointRead, CosmosOperationKind.Replace, CosmosOperationKind.Upsert],
            log.ItemOperations.Select(o => o.Kind));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(12)]
    public async Task A_win_post_costs_two_creates_and_its_months_read_and_replace_whatever_the_history(int months)
    {
        await using var db = await server.CreateDatabaseAsync();
        var stores = Stores(db);
        await SeedHistoryAsync(stores, "rep-1", months);
        var win = new Win { Id = "win-new", MemberId = "rep-1", TeamId = TestData.TeamId, Kind = default, Text = "Signed Acme", At = Now };

        using var log = CosmosOperationCounter.Measure();
        await stores.Writer.CommitAsync(c => c.AddWin(win).Enqueue(TestRecords.TeamPost("win:win-new", Now, "Signed Acme")));

        Assert.Equal(
            [CosmosOperationKind.Create, CosmosOperationKind.PointRead, CosmosOperationKind.Replace, CosmosOperationKind.Create],
            log.ItemOperations.Select(o => o.Kind));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(12)]
    public async Task Status_for_a_team_of_fifty_is_one_query_and_one_point_read_per_rep_whatever_the_history(int months)
    {
        await using var db = await server.CreateDatabaseAsync();
        var stores = Stores(db);
        var reps = Enumerable.Range(1, 50).Select(i => $"rep-{i:00}").ToList();
        foreach (var rep in reps)
        {
            await stores.Writer.CommitAsync(c => c.PutMember(MemberBuilder.ARep(rep).Build(), Expect.Absent));
        }

        await SeedHistoryAsync(stores, reps[0], months);

        using var log = CosmosOperationCounter.Measure();
        var team = await stores.Members.ListTeamAsync(TestData.TeamId);
        foreach (var member in team)
        {
            await stores.CheckIns.GetAsync(member.Id, Today);
        }

        Assert.Equal(50, team.Count);
        Assert.Equal(1, log.ItemOperations.Count(o => o.Kind == CosmosOperationKind.Query));
        Assert.Equal(50, log.ItemOperations.Count(o => o.Kind == CosmosOperationKind.PointRead));
        Assert.Equal(51, log.ItemOperations.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(12)]
    public async Task An_outbox_claim_is_one_query_per_shard_and_one_replace_per_lease_whatever_was_sent_before(int months)
    {
        await using var db = await server.CreateDatabaseAsync();
        var stores = Stores(db);
        // Sent posts from the past months stay (until their ttl) beside the one that is due.
        foreach (var day in Enumerable.Range(0, months * 30))
        {
            var key = $"checkin-prompt:rep-1:{day}";
            await stores.Writer.CommitAsync(c => c.Enqueue(TestRecords.TeamPost(key, Now - Duration.FromDays(day + 1), "Signed Acme")));
            var lease = Assert.Single(await stores.Outbox.ClaimDueAsync(Now, "seed", Now + Duration.FromMinutes(1), 1));
            await stores.Outbox.CompleteAsync(lease, lease.Message with { Status = OutboxStatus.Sent, SentAt = Now });
        }

        await stores.Writer.CommitAsync(c => c.Enqueue(TestRecords.TeamPost("win:w1", Now, "Signed Acme")));

        using var log = CosmosOperationCounter.Measure();
        var leases = await stores.Outbox.ClaimDueAsync(Now, "dispatcher-a", Now + Duration.FromMinutes(1), 10);

        Assert.Single(leases);
        Assert.Equal(db.Options.OutboxShards, log.ItemOperations.Count(o => o.Kind == CosmosOperationKind.Query));
        Assert.Equal(1, log.ItemOperations.Count(o => o.Kind == CosmosOperationKind.Replace));
    }

    [Fact]
    public async Task A_teams_delivery_view_is_a_fixed_number_of_queries_per_shard_and_a_retry_is_one_read_and_one_replace()
    {
        await using var db = await server.CreateDatabaseAsync();
        var stores = Stores(db);
        foreach (var i in Enumerable.Range(0, 40))
        {
            await stores.Writer.CommitAsync(c => c.Enqueue(PostBuilder.APost($"post-{i}").DeadLettered().QueuedAt(Now - Duration.FromMinutes(i))));
        }

        using var view = CosmosOperationCounter.Measure();
        var counts = await stores.Outbox.CountAsync(TestData.TeamId);
        var problems = await stores.Outbox.ListRecentAsync(OutboxRetries.Problems, TestData.TeamId, 5);

        Assert.Equal(40, counts[OutboxStatus.DeadLettered]);
        Assert.Equal(["post-0", "post-1", "post-2", "post-3", "post-4"], problems.Select(p => p.Value.Key));
        // Counting: one COUNT per status and shard; listing: one TOP-5 query per problem status and shard.
        var shards = db.Options.OutboxShards;
        Assert.Equal(shards * (Enum.GetValues<OutboxStatus>().Length + OutboxRetries.Problems.Count), view.ItemOperations.Count(o => o.Kind == CosmosOperationKind.Query));
        Assert.Equal(view.ItemOperations.Count, view.ItemOperations.Count(o => o.Kind == CosmosOperationKind.Query));

        using var retry = CosmosOperationCounter.Measure();
        Assert.True((await stores.Outbox.RetryAsync("post-0", Now)).Retried);
        Assert.Equal([CosmosOperationKind.PointRead, CosmosOperationKind.Replace], retry.ItemOperations.Select(o => o.Kind));
    }

    private static StoreSetForBudgets Stores(TestDatabase db)
    {
        var database = new CosmosDatabase(db.Database, db.Options);
        return new StoreSetForBudgets(new CosmosStoreWriter(database), new CosmosEventLog(database), new CosmosCheckInStore(database),
            new CosmosMemberStore(database), new CosmosOutbox(database));
    }

    /// <summary>A check-in every day and a win every week for <paramref name="months"/> months before today.</summary>
    private static async Task SeedHistoryAsync(StoreSetForBudgets stores, string memberId, int months)
    {
        for (var day = Today.PlusMonths(-months); day < Today; day = day.PlusDays(1))
        {
            var checkIn = CheckInBuilder.ACheckIn().For(memberId).On(day).With("calls", 20).Build();
            var at = day.AtMidnight().InUtc().ToInstant();
            await stores.Writer.CommitAsync(c =>
            {
                c.PutCheckIn(checkIn, Expect.Any);
                if (day.DayOfWeek == IsoDayOfWeek.Friday)
                {
                    c.AddWin(new Win { Id = $"win-{day}", MemberId = memberId, TeamId = TestData.TeamId, Kind = default, Text = "Closed", At = at });
                }
            });
        }
    }

    private sealed record StoreSetForBudgets(
        CosmosStoreWriter Writer, CosmosEventLog Events, CosmosCheckInStore CheckIns, CosmosMemberStore Members, CosmosOutbox Outbox);
}
