using NodaTime;
using SalesBot.Conversations.Flows;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Ports;
using SalesBot.Core.CheckIns;
using SalesBot.Testing;

namespace SalesBot.Conversations.Tests;

/// <summary>A turn's writes are one commit: all of the flow or none of it, once per event, and only what changed.</summary>
public class TurnCommitTests
{
    private static readonly Dictionary<string, string> FridaysNumbers = new()
    {
        ["calls"] = "30",
        ["meetings"] = "3",
        ["proposals"] = "1",
        [CheckInMessages.PlanInput] = "",
        [CheckInMessages.BlockersInput] = "",
        [CheckInMessages.ReportDateField] = "2026-11-20",
    };

    [Fact]
    public async Task A_turn_whose_flow_fails_commits_nothing_of_the_flow_and_its_event_can_be_handled_again()
    {
        var history = new FlakyHistory { Failing = true };
        await using var bot = await TestBot.StartAsync(configure: s => s.Decorate<ICheckInStore>(inner => history.Over(inner)));
        await bot.WithMembersAsync(MemberBuilder.ARep());

        var failed = await bot.SubmitAsync(CheckInFlow.SubmitVerb, FridaysNumbers, eventId: "evt-checkin");

        Assert.Contains("something went wrong on my side", failed.AllText(), StringComparison.Ordinal);
        Assert.Null(await bot.Get<ICheckInStore>().GetAsync("rep-1", TestData.Friday));

        history.Failing = false;
        var retried = await bot.SubmitAsync(CheckInFlow.SubmitVerb, FridaysNumbers, eventId: "evt-checkin");

        Assert.NotEmpty(retried.Replies);
        Assert.Equal(3, (await bot.Get<ICheckInStore>().GetAsync("rep-1", TestData.Friday))!.Value.ValueOf("meetings"));
    }

    [Fact]
    public async Task A_redelivered_event_after_a_completed_turn_changes_nothing()
    {
        var commits = new List<ChangeSet>();
        await using var bot = await TestBot.StartAsync(configure: s => s.Decorate<IStoreWriter>(inner => new CountingStoreWriter(inner, commits)));
        await bot.WithMembersAsync(MemberBuilder.ARep());
        await bot.RememberConversationAsync(RecipientKind.Team, TestData.TeamId, "team-channel");
        await bot.SayAsync("win moved Acme to proposal", eventId: "evt-win");
        var committed = commits.Count;

        var redelivered = await bot.SayAsync("win moved Acme to proposal", eventId: "evt-win");

        Assert.Empty(redelivered.Replies);
        Assert.Equal(committed, commits.Count);
        Assert.Equal(1, await bot.DispatchOutboxAsync());
        Assert.Single(bot.Messenger.Sent);
    }

    [Fact]
    public async Task The_conversation_reference_is_written_only_when_it_changed()
    {
        var commits = new List<ChangeSet>();
        await using var bot = await TestBot.StartAsync(configure: s => s.Decorate<IStoreWriter>(inner => new CountingStoreWriter(inner, commits)));
        await bot.WithMembersAsync(MemberBuilder.ARep());

        await bot.SayAsync("help");
        await bot.SayAsync("status");
        await bot.SayAsync("help");
        Assert.Equal(1, commits.CountOf<ConversationPut>());

        await bot.HandleAsync(bot.Inbound("rep-1") with { ConversationId = "dm-rep-1-moved", Text = "help" });
        Assert.Equal(2, commits.CountOf<ConversationPut>());
        var reference = await bot.Get<IConversationReferenceStore>().FindAsync(RecipientKind.Member, "rep-1");
        Assert.Equal("dm-rep-1-moved", reference!.ConversationId);
    }

    /// <summary>Fails reading a member's history while <see cref="Failing"/>: the check-in flow reads it after staging the check-in.</summary>
    private sealed class FlakyHistory
    {
        public bool Failing { get; set; }

        public ICheckInStore Over(ICheckInStore inner) => new Store(inner, this);

        private sealed class Store(ICheckInStore inner, FlakyHistory switches) : ICheckInStore
        {
            public Task<Stored<CheckIn>?> GetAsync(string memberId, LocalDate reportDate, CancellationToken cancellationToken = default) =>
                inner.GetAsync(memberId, reportDate, cancellationToken);

            public Task<IReadOnlyList<CheckIn>> ListForMemberAsync(string memberId, LocalDate from, LocalDate to, CancellationToken cancellationToken = default) =>
                switches.Failing
                    ? throw new IOException("history unavailable")
                    : inner.ListForMemberAsync(memberId, from, to, cancellationToken);
        }
    }
}
