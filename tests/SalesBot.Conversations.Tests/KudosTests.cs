using NodaTime;
using SalesBot.Conversations.Flows;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Wins;
using SalesBot.Testing;

namespace SalesBot.Conversations.Tests;

/// <summary>Teammates cheer a win with the post's "👏 Kudos" button; the rep hears about it, batched.</summary>
public sealed class KudosTests : IAsyncLifetime
{
    private const string Channel = "channel-" + TestData.TeamId;
    private const string WinId = TestData.Channel + ":evt-win";
    private TestBot _bot = null!;
    private string _postId = null!;

    public async Task InitializeAsync()
    {
        _bot = await TestBot.StartWithSmallTeamAsync();
        await _bot.WithMembersAsync(
            MemberBuilder.ARep("rep-3").WithName("Chloe"),
            MemberBuilder.ARep("rep-4").WithName("Diego"),
            MemberBuilder.ARep("rep-5").WithName("Eve"));
        await _bot.RememberConversationAsync(RecipientKind.Team, TestData.TeamId, Channel);
        await _bot.RememberConversationAsync(RecipientKind.Member, "rep-1", "dm-rep-1");
        await _bot.SayAsync("win moved Acme to proposal", "rep-1", eventId: "evt-win");
        await _bot.DispatchOutboxAsync();
        _postId = (await Outbox.GetAsync("win:" + WinId))!.Sent!.MessageId!;
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private IOutbox Outbox => _bot.Get<IOutbox>();

    private async Task<WinKudos?> StoredKudosAsync() => (await _bot.Get<IKudosStore>().GetAsync("rep-1", WinId))?.Value;

    private InboundEvent Press(string memberId, string winId = WinId, string rep = "rep-1") =>
        _bot.Inbound(memberId) with
        {
            Kind = InboundEventKind.Submission,
            Submission = new FormSubmission(KudosPost.Verb, new Dictionary<string, string> { [KudosPost.WinKey] = winId, [KudosPost.RepKey] = rep }),
            Scope = ConversationScope.Channel,
            ConversationId = Channel,
            PressedMessageId = _postId,
            CanReplyToSenderAlone = true,
        };

    [Fact]
    public async Task The_win_post_carries_a_kudos_button_for_that_win()
    {
        var post = _bot.Messenger.Sent.Single(s => s.To.ConversationId == Channel).Message;

        var button = Assert.Single(post.Actions);
        Assert.Equal("👏 Kudos", button.Title);
        Assert.Equal(WinId, button.Data![KudosPost.WinKey]);
        Assert.Equal("rep-1", button.Data[KudosPost.RepKey]);
    }

    [Fact]
    public async Task A_teammates_kudos_updates_the_post_with_the_count_and_their_name()
    {
        var result = await _bot.HandleAsync(Press("rep-2"));

        Assert.Empty(result.Replies);
        Assert.Empty(result.SenderOnlyReplies);
        var post = Assert.IsType<OutboundMessage>(result.UpdatesPressedPost);
        Assert.Contains(post.Blocks, b => b is Paragraph { Text: "👏 1 — Ben" });
        Assert.Single(post.Actions);
        Assert.Equal(_postId, result.UpdatesPressedPostId);
        Assert.Equal(["rep-2"], (await StoredKudosAsync())!.Givers.Select(g => g.MemberId));
    }

    [Fact]
    public async Task The_post_names_the_first_three_and_counts_the_rest()
    {
        OutboundMessage? post = null;
        foreach (var teammate in new[] { "rep-2", "rep-3", "rep-4", "rep-5" })
        {
            post = (await _bot.HandleAsync(Press(teammate))).UpdatesPressedPost;
        }

        Assert.Contains(post!.Blocks, b => b is Paragraph { Text: "👏 4 — Ben, Chloe, Diego and 1 more" });
    }

    [Fact]
    public async Task Kudos_twice_from_one_person_counts_once_and_says_so_privately()
    {
        await _bot.HandleAsync(Press("rep-2"));

        var again = await _bot.HandleAsync(Press("rep-2"));

        Assert.Null(again.UpdatesPressedPost);
        Assert.Empty(again.Replies);
        Assert.Contains("already given Ava kudos", Assert.Single(again.SenderOnlyReplies).Text);
        Assert.Single((await StoredKudosAsync())!.Givers);
    }

    [Fact]
    public async Task The_rep_cannot_give_kudos_to_their_own_win()
    {
        var result = await _bot.HandleAsync(Press("rep-1"));

        Assert.Null(result.UpdatesPressedPost);
        Assert.Contains("your own win", Assert.Single(result.SenderOnlyReplies).Text);
        Assert.Null(await StoredKudosAsync());
    }

    [Fact]
    public async Task Where_the_channel_cannot_answer_privately_the_refusal_is_a_short_reply()
    {
        var result = await _bot.HandleAsync(Press("rep-1") with { CanReplyToSenderAlone = false });

        Assert.Contains("your own win", Assert.Single(result.Replies).Text);
        Assert.Empty(result.SenderOnlyReplies);
    }

    [Fact]
    public async Task Two_teammates_pressing_at_the_same_moment_are_both_counted()
    {
        await _bot.DisposeAsync();
        _bot = await SwapAsync(await TestBot.StartAsync(configure: services =>
            services.Decorate<IKudosStore>(inner => new KudosReadBarrier(inner, readers: 2))));

        await Task.WhenAll(_bot.HandleAsync(Press("rep-2")), _bot.HandleAsync(Press("rep-3")));

        var givers = (await StoredKudosAsync())!.Givers.Select(g => g.MemberId).Order();
        Assert.Equal(["rep-2", "rep-3"], givers);
    }

    [Theory]
    [InlineData("win")] // a win that does not exist
    [InlineData("rep")] // the win named under another rep
    [InlineData("channel")] // pressed in another channel
    [InlineData("message")] // on another message (Slack ts, Teams activity id)
    [InlineData("personal")] // from a 1:1 chat
    [InlineData("tenant")] // from another workspace or tenant
    public async Task A_press_that_does_not_match_the_post_is_refused_and_changes_nothing(string forged)
    {
        var press = Press("rep-2");
        press = forged switch
        {
            "win" => Press("rep-2", winId: "test:evt-invented"),
            "rep" => Press("rep-2", rep: "rep-3"),
            "channel" => press with { ConversationId = "channel-elsewhere" },
            "message" => press with { PressedMessageId = "msg-999" },
            "personal" => press with { Scope = ConversationScope.Personal, ConversationId = "dm-rep-2" },
            "tenant" => press with { TenantId = "tenant-other" },
            _ => throw new ArgumentOutOfRangeException(nameof(forged)),
        };

        var result = await _bot.HandleAsync(press);

        Assert.Null(result.UpdatesPressedPost);
        Assert.Contains("can't find that win", Assert.Single(result.SenderOnlyReplies).Text, StringComparison.Ordinal);
        Assert.Null(await StoredKudosAsync());
        Assert.Equal(Channel, (await _bot.Get<IConversationReferenceStore>().FindAsync(RecipientKind.Team, TestData.TeamId))!.ConversationId);
    }

    [Fact]
    public async Task The_rep_gets_one_note_per_hour_naming_everyone_who_gave_kudos()
    {
        _bot.Clock.Advance(Duration.FromMinutes(5));
        await _bot.HandleAsync(Press("rep-2"));
        _bot.Clock.Advance(Duration.FromMinutes(20));
        await _bot.HandleAsync(Press("rep-3"));
        var before = _bot.Messenger.Sent.Count;

        Assert.Equal(0, await _bot.DispatchOutboxAsync()); // batched: nothing until the hour is over
        _bot.Clock.Advance(Duration.FromMinutes(40));
        await _bot.DispatchOutboxAsync();
        await _bot.DispatchOutboxAsync();

        var note = Assert.Single(_bot.Messenger.Sent.Skip(before));
        Assert.Equal("dm-rep-1", note.To.ConversationId);
        Assert.Equal("👏 Ben and Chloe gave kudos on your win 'moved Acme from Discovery to Proposal'", note.Message.Text);
    }

    [Fact]
    public async Task Kudos_in_the_next_hour_make_a_second_note_with_only_the_new_names()
    {
        await _bot.HandleAsync(Press("rep-2"));
        _bot.Clock.Advance(Duration.FromHours(1));
        await _bot.DispatchOutboxAsync();
        await _bot.HandleAsync(Press("rep-4"));
        _bot.Clock.Advance(Duration.FromHours(1));
        await _bot.DispatchOutboxAsync();

        var notes = _bot.Messenger.Sent.Where(s => s.To.ConversationId == "dm-rep-1").Select(s => s.Message.Text).ToList();
        Assert.Equal(["👏 Ben gave kudos on your win 'moved Acme from Discovery to Proposal'", "👏 Diego gave kudos on your win 'moved Acme from Discovery to Proposal'"], notes);
    }

    [Fact]
    public async Task A_note_due_in_the_reps_quiet_hours_waits_for_their_working_day()
    {
        _bot.Clock.Advance(Duration.FromHours(10)); // 19:00 in New York
        await _bot.HandleAsync(Press("rep-2"));
        _bot.Clock.Advance(Duration.FromHours(1));

        await _bot.DispatchOutboxAsync();

        Assert.DoesNotContain(_bot.Messenger.Sent, s => s.To.ConversationId == "dm-rep-1");
    }

    [Fact]
    public void Names_read_naturally()
    {
        Assert.Equal("Ben", KudosPost.Names(["Ben"], 3, "more"));
        Assert.Equal("Ben and Chloe", KudosPost.Names(["Ben", "Chloe"], 3, "more"));
        Assert.Equal("Ben, Chloe and Diego", KudosPost.Names(["Ben", "Chloe", "Diego"], 3, "more"));
        Assert.Equal("Ben, Chloe, Diego and 2 more", KudosPost.Names(["Ben", "Chloe", "Diego", "Eve", "Finn"], 3, "more"));
    }

    /// <summary>Sets up the same team, channel and win on <paramref name="bot"/>, as <see cref="InitializeAsync"/> does.</summary>
    private async Task<TestBot> SwapAsync(TestBot bot)
    {
        await bot.WithMembersAsync(
            MemberBuilder.ARep("rep-1").WithName("Ava"), MemberBuilder.ARep("rep-2").WithName("Ben"), MemberBuilder.ARep("rep-3").WithName("Chloe"));
        await bot.RememberConversationAsync(RecipientKind.Team, TestData.TeamId, Channel);
        await bot.SayAsync("win moved Acme to proposal", "rep-1", eventId: "evt-win");
        await bot.DispatchOutboxAsync();
        _postId = (await bot.Get<IOutbox>().GetAsync("win:" + WinId))!.Sent!.MessageId!;
        return bot;
    }

    /// <summary>Holds the first <c>readers</c> reads until all of them have read: both presses see no kudos yet.</summary>
    private sealed class KudosReadBarrier(IKudosStore inner, int readers) : IKudosStore
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _reads;

        public async Task<Stored<WinKudos>?> GetAsync(string memberId, string winId, CancellationToken cancellationToken = default)
        {
            var read = await inner.GetAsync(memberId, winId, cancellationToken);
            var n = Interlocked.Increment(ref _reads);
            if (n == readers)
            {
                _all.TrySetResult();
            }

            if (n <= readers)
            {
                await _all.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            }

            return read;
        }
    }
}
