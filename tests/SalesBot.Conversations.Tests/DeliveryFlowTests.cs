using NodaTime;
using SalesBot.Conversations.Flows;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Testing;
using static SalesBot.Testing.PostBuilder;

namespace SalesBot.Conversations.Tests;

public class DeliveryFlowTests : IAsyncLifetime
{
    private TestBot _bot = null!;

    private Instant Now => _bot.Clock.GetCurrentInstant();

    public async Task InitializeAsync() => _bot = await TestBot.StartWithSmallTeamAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Theory]
    [InlineData("delivery")]
    [InlineData("outbox")]
    public async Task A_rep_asking_for_delivery_is_told_politely_that_it_is_for_managers(string command)
    {
        await _bot.CommitAsync(c => c.Enqueue(APost("lost").DeadLettered()));

        var result = await _bot.SayAsync(command, "rep-1");

        var reply = Assert.Single(result.Replies);
        Assert.Contains("for managers", reply.Text, StringComparison.Ordinal);
        Assert.Empty(reply.Actions);
    }

    [Fact]
    public async Task A_rep_pressing_retry_dead_letters_retries_nothing()
    {
        await _bot.CommitAsync(c => c.Enqueue(APost("lost").DeadLettered()));

        var result = await _bot.SubmitAsync(DeliveryFlow.RetryVerb, new Dictionary<string, string>(), "rep-1");

        Assert.Contains("for managers", Assert.Single(result.Replies).Text, StringComparison.Ordinal);
        Assert.Equal(OutboxStatus.DeadLettered, (await _bot.Get<IOutbox>().GetAsync("lost"))!.Status);
    }

    [Fact]
    public async Task A_manager_sees_their_teams_counts_and_latest_problems_by_name_local_time_and_reason_and_nothing_of_other_teams()
    {
        await _bot.CommitAsync(c => c
            .Enqueue(APost("sent").WithStatus(OutboxStatus.Sent))
            .Enqueue(APost("waiting").To("rep-2"))
            .Enqueue(APost("ava-lost").DeadLettered("Member rep-1 has no chat with SalesBot.").QueuedAt(Now - Duration.FromHours(2)))
            .Enqueue(APost("ben-failed").To("rep-2").Failed("403 Forbidden: the bot was removed.", attempts: 3).QueuedAt(Now - Duration.FromHours(1)))
            .Enqueue(APost("channel-lost").ToChannelOf(TestData.TeamId).DeadLettered("Team team-1 has no channel with SalesBot in it.").QueuedAt(Now - Duration.FromHours(3)))
            .Enqueue(APost("other-team").To("rep-9").InTeam("team-2").DeadLettered("Member rep-9 has no chat with SalesBot.")));

        var result = await _bot.SayAsync("delivery", "manager-1");

        var reply = Assert.Single(result.Replies);
        var text = result.AllText();
        Assert.Contains("3 messages to Test Sales didn't go out", text, StringComparison.Ordinal);
        Assert.Contains("Waiting to send: 1", text, StringComparison.Ordinal);
        Assert.Contains("Sent: 1", text, StringComparison.Ordinal);
        Assert.Contains("Failed: 1", text, StringComparison.Ordinal);
        Assert.Contains("Dead-lettered (nowhere to send): 2", text, StringComparison.Ordinal);
        var table = Assert.Single(reply.Blocks.OfType<SalesBot.Conversations.Messages.Table>());
        Assert.Equal(
            [
                ["Ben", "Mon 23 Nov 08:00", "failed after 3 tries", "403 Forbidden: the bot was removed."],
                ["Ava", "Mon 23 Nov 07:00", "dead-lettered", "Ava has no chat with SalesBot."],
                ["the team channel", "Mon 23 Nov 06:00", "dead-lettered", "The team has no channel with SalesBot in it."],
            ],
            table.Rows);
        Assert.DoesNotContain("rep-9", text, StringComparison.Ordinal);
        Assert.Equal(DeliveryFlow.RetryVerb, reply.Actions[0].Verb);
        Assert.Null(reply.Actions[0].Data);
    }

    [Fact]
    public async Task A_manager_with_nothing_stuck_is_told_so_and_offered_no_retry()
    {
        await _bot.CommitAsync(c => c.Enqueue(APost("sent").WithStatus(OutboxStatus.Sent)));

        var reply = Assert.Single((await _bot.SayAsync("outbox", "manager-1")).Replies);

        Assert.Contains("Everything I had to send to Test Sales went out", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(reply.Actions, a => a.Verb == DeliveryFlow.RetryVerb);
    }

    [Fact]
    public async Task Retry_dead_letters_sends_the_managers_teams_problems_again_and_leaves_other_teams_alone()
    {
        await _bot.CommitAsync(c => c
            .Enqueue(APost("ava-lost").DeadLettered())
            .Enqueue(APost("ben-failed").To("rep-2").Failed())
            .Enqueue(APost("other-team").To("rep-9").InTeam("team-2").DeadLettered()));
        await _bot.RememberConversationAsync(RecipientKind.Member, "rep-1", "dm-rep-1");
        await _bot.RememberConversationAsync(RecipientKind.Member, "rep-2", "dm-rep-2");

        // The button carries no keys; a client that adds one of another team's changes nothing.
        var result = await _bot.SubmitAsync(DeliveryFlow.RetryVerb, new Dictionary<string, string> { ["key"] = "other-team" }, "manager-1");

        Assert.Contains("Sending 2 messages again now.", Assert.Single(result.Replies).Text, StringComparison.Ordinal);
        Assert.Contains("Waiting to send: 2", result.AllText(), StringComparison.Ordinal);
        var ava = (await _bot.Get<IOutbox>().GetAsync("ava-lost"))!;
        Assert.Equal((OutboxStatus.Pending, 0, Now), (ava.Status, ava.Attempts, ava.NextAttemptAt));
        Assert.Equal(OutboxStatus.DeadLettered, (await _bot.Get<IOutbox>().GetAsync("other-team"))!.Status);
        Assert.Equal(2, await _bot.DispatchOutboxAsync());
        Assert.Equal(OutboxStatus.Sent, (await _bot.Get<IOutbox>().GetAsync("ben-failed"))!.Status);
    }

    [Fact]
    public async Task A_post_past_its_expiry_is_not_sent_again_and_the_manager_is_told_why()
    {
        await _bot.CommitAsync(c => c
            .Enqueue(APost("yesterdays-prompt").DeadLettered().ExpiringAt(Now - Duration.FromHours(12)))
            .Enqueue(APost("win").ToChannelOf(TestData.TeamId).DeadLettered()));

        var result = await _bot.SubmitAsync(DeliveryFlow.RetryVerb, new Dictionary<string, string>(), "manager-1");

        Assert.Contains("Sending 1 message again now. 1 message stopped being worth sending", Assert.Single(result.Replies).Text, StringComparison.Ordinal);
        Assert.Equal(OutboxStatus.DeadLettered, (await _bot.Get<IOutbox>().GetAsync("yesterdays-prompt"))!.Status);
        Assert.Equal(OutboxStatus.Pending, (await _bot.Get<IOutbox>().GetAsync("win"))!.Status);
    }

    [Fact]
    public async Task Pressing_retry_twice_sends_nothing_twice()
    {
        await _bot.CommitAsync(c => c.Enqueue(APost("ava-lost").DeadLettered()));

        await _bot.SubmitAsync(DeliveryFlow.RetryVerb, new Dictionary<string, string>(), "manager-1");
        var second = await _bot.SubmitAsync(DeliveryFlow.RetryVerb, new Dictionary<string, string>(), "manager-1");

        Assert.Contains("nothing I could send again", Assert.Single(second.Replies).Text, StringComparison.Ordinal);
        Assert.Equal(OutboxStatus.Pending, (await _bot.Get<IOutbox>().GetAsync("ava-lost"))!.Status);
    }
}
