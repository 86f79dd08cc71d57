using NodaTime;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Testing;
using static SalesBot.Testing.PostBuilder;

namespace SalesBot.Storage.Conformance;

/// <summary>What operators and managers see of delivery, and retrying what failed: the same on every store.</summary>
public abstract partial class StoreConformanceTests
{
    private static Instant Minutes(int minutes) => T0 + Duration.FromMinutes(minutes);

    [Fact]
    public async Task Posts_are_counted_by_status_for_everyone_or_for_one_team()
    {
        await Stores.CommitAsync(c => c
            .Enqueue(APost("a"))
            .Enqueue(APost("b").WithStatus(OutboxStatus.Sent))
            .Enqueue(APost("c").DeadLettered())
            .Enqueue(APost("d").Failed())
            .Enqueue(APost("e").WithStatus(OutboxStatus.Withdrawn, "checked in"))
            .Enqueue(APost("f").WithStatus(OutboxStatus.Skipped))
            .Enqueue(APost("g").To("rep-9").InTeam("team-2").DeadLettered())
            .Enqueue(APost("h").ToChannelOf("team-2").DeadLettered("Team team-2 has no channel with SalesBot in it.")));

        var everyone = await Stores.OutboxAdmin.CountAsync(null);
        var team1 = await Stores.OutboxAdmin.CountAsync(TestData.TeamId);
        var team2 = await Stores.OutboxAdmin.CountAsync("team-2");

        Assert.Equal([1L, 1, 1, 1, 1, 3], Enum.GetValues<OutboxStatus>().Select(s => everyone[s]));
        Assert.Equal((1, 1, 1, 1, 1, 1), (team1[OutboxStatus.Pending], team1[OutboxStatus.Sent], team1[OutboxStatus.Failed], team1[OutboxStatus.Withdrawn], team1[OutboxStatus.Skipped], team1[OutboxStatus.DeadLettered]));
        Assert.Equal(2, team2.Problems);
        Assert.Equal(0, team2[OutboxStatus.Pending]);
        Assert.Equal(0, (await Stores.OutboxAdmin.CountAsync("team-none")).Problems);
    }

    [Fact]
    public async Task The_latest_problems_of_a_team_are_listed_newest_first_with_their_reasons_and_versions()
    {
        await Stores.CommitAsync(c => c
            .Enqueue(APost("old").DeadLettered("no chat").QueuedAt(Minutes(1)))
            .Enqueue(APost("newest").Failed("403").QueuedAt(Minutes(9)))
            .Enqueue(APost("middle").DeadLettered("no chat").QueuedAt(Minutes(5)))
            .Enqueue(APost("fine").WithStatus(OutboxStatus.Sent).QueuedAt(Minutes(7)))
            .Enqueue(APost("elsewhere").InTeam("team-2").Failed().QueuedAt(Minutes(8))));

        var problems = await Stores.OutboxAdmin.ListRecentAsync(OutboxRetries.Problems, TestData.TeamId, 10);
        var latestTwo = await Stores.OutboxAdmin.ListRecentAsync(OutboxRetries.Problems, null, 2);
        var sent = await Stores.OutboxAdmin.ListRecentAsync([OutboxStatus.Sent], null, 10);

        Assert.Equal(["newest", "middle", "old"], problems.Select(p => p.Value.Key));
        Assert.Equal(("403", 8, "rep-1", Minutes(9)), (problems[0].Value.LastError, problems[0].Value.Attempts, problems[0].Value.RecipientId, problems[0].Value.CreatedAt));
        Assert.All(problems, p => Assert.False(string.IsNullOrEmpty(p.Version)));
        Assert.Equal(["newest", "elsewhere"], latestTwo.Select(p => p.Value.Key));
        Assert.Equal("fine", Assert.Single(sent).Value.Key);
    }

    [Fact]
    public async Task A_dead_lettered_post_retried_is_pending_due_now_with_no_attempts_and_is_claimed_again()
    {
        await Stores.CommitAsync(c => c.Enqueue(APost("lost").DeadLettered().QueuedAt(T0)));
        var now = T0 + Duration.FromHours(3);

        var result = await Stores.OutboxAdmin.RetryAsync("lost", now);

        Assert.Equal(OutboxRetryOutcome.Retried, result.Outcome);
        var retried = (await Stores.Outbox.GetAsync("lost"))!;
        Assert.Equal((OutboxStatus.Pending, 0, now), (retried.Status, retried.Attempts, retried.NextAttemptAt));
        Assert.Equal(1, (await Stores.OutboxAdmin.CountAsync(TestData.TeamId))[OutboxStatus.Pending]);
        Assert.Equal(0, (await Stores.OutboxAdmin.CountAsync(TestData.TeamId)).Problems);
        var lease = Assert.Single(await Stores.Outbox.ClaimDueAsync(now, "a", now + Duration.FromMinutes(2), 10));
        Assert.Equal(("lost", 1), (lease.Message.Key, lease.Message.Attempts));
    }

    [Theory]
    [InlineData(OutboxStatus.Sent, "sent already")]
    [InlineData(OutboxStatus.Pending, "still waiting")]
    [InlineData(OutboxStatus.Withdrawn, "withdrawn")]
    [InlineData(OutboxStatus.Skipped, "skipped")]
    public async Task Retrying_a_post_that_did_not_fail_is_refused_with_the_reason_and_changes_nothing(OutboxStatus status, string reason)
    {
        await Stores.CommitAsync(c => c.Enqueue(APost("p").WithStatus(status)));
        var before = await Stores.Outbox.GetAsync("p");

        var result = await Stores.OutboxAdmin.RetryAsync("p", T0 + Duration.FromHours(1));

        Assert.Equal(OutboxRetryOutcome.Refused, result.Outcome);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
        Assert.Equal(DocumentJson.Serialize(before), DocumentJson.Serialize(await Stores.Outbox.GetAsync("p")));
    }

    [Fact]
    public async Task Retrying_an_unknown_or_expired_post_is_refused()
    {
        await Stores.CommitAsync(c => c.Enqueue(APost("prompt").DeadLettered().ExpiringAt(T0 + Duration.FromHours(8))));

        Assert.Equal(OutboxRetryOutcome.NotFound, (await Stores.OutboxAdmin.RetryAsync("nobody", T0)).Outcome);
        Assert.Equal(OutboxRetryOutcome.Refused, (await Stores.OutboxAdmin.RetryAsync("prompt", T0 + Duration.FromHours(9))).Outcome);
        Assert.Equal(OutboxStatus.DeadLettered, (await Stores.Outbox.GetAsync("prompt"))!.Status);
    }

    [Fact]
    public async Task A_retry_staged_in_a_commit_is_a_conflict_when_the_post_changed_since_it_was_read()
    {
        await Stores.CommitAsync(c => c.Enqueue(APost("lost").DeadLettered()));
        var read = Assert.Single(await Stores.OutboxAdmin.ListRecentAsync(OutboxRetries.Problems, TestData.TeamId, 5));

        await Stores.CommitAsync(c => c.RetryPost(read, T0));
        await Assert.ThrowsAsync<StoreConflictException>(() => Stores.CommitAsync(c => c.RetryPost(read, T0 + Duration.FromMinutes(1))));

        var retried = (await Stores.Outbox.GetAsync("lost"))!;
        Assert.Equal((OutboxStatus.Pending, T0), (retried.Status, retried.NextAttemptAt));
    }
}
