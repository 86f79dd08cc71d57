using NodaTime;
using SalesBot.Conversations.Flows;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;
using SalesBot.Testing;

namespace SalesBot.Conversations.Tests;

public class CheckInPromptTests : IAsyncLifetime
{
    // Monday 23 Nov 2026, 08:59 in New York (13:59 UTC): 14:59 in London, 05:59 in Los Angeles.
    private static readonly Instant BeforeNineInNewYork = Instant.FromUtc(2026, 11, 23, 13, 59);
    private TestBot _bot = null!;

    public async Task InitializeAsync() =>
        _bot = await (await TestBot.StartAsync(BeforeNineInNewYork)).WithMembersAsync(
            MemberBuilder.ARep("ny").InZone("America/New_York"),
            MemberBuilder.ARep("la").InZone("America/Los_Angeles"),
            MemberBuilder.ARep("london").InZone("Europe/London"),
            MemberBuilder.AManager().InZone("America/New_York"));

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private Task<int> QueueAsync() => _bot.InScopeAsync<CheckInPrompts, int>(p => p.QueueDueAsync());

    [Fact]
    public async Task Each_rep_is_asked_at_nine_in_their_own_zone_and_managers_are_not()
    {
        Assert.Equal(0, await QueueAsync()); // London is past its window (14:59), New York not yet at nine

        _bot.Clock.AdvanceMinutes(1);
        Assert.Equal(1, await QueueAsync());
        Assert.NotNull(await _bot.Get<IOutbox>().GetAsync("checkin-prompt:ny:2026-11-23"));

        _bot.Clock.AdvanceHours(3); // 09:00 in Los Angeles
        Assert.Equal(1, await QueueAsync());
        Assert.NotNull(await _bot.Get<IOutbox>().GetAsync("checkin-prompt:la:2026-11-23"));
        Assert.Null(await _bot.Get<IOutbox>().GetAsync("checkin-prompt:manager-1:2026-11-23"));
    }

    [Fact]
    public async Task Running_again_or_on_a_second_instance_asks_once()
    {
        _bot.Clock.AdvanceMinutes(1);

        Assert.Equal(1, await QueueAsync());
        Assert.Equal(0, await QueueAsync());
    }

    [Fact]
    public async Task A_prompt_queued_before_the_rep_checked_in_is_withdrawn_when_its_turn_comes_not_sent()
    {
        await _bot.RememberConversationAsync(RecipientKind.Member, "ny", "dm-ny");
        _bot.Clock.AdvanceMinutes(1);
        Assert.Equal(1, await QueueAsync());

        await _bot.SayAsync("calls 30, meetings 3, proposals 1", "ny");
        await _bot.DispatchOutboxAsync();

        Assert.DoesNotContain(_bot.Messenger.Sent, s => s.To.OwnerId == "ny");
        var prompt = await _bot.Get<IOutbox>().GetAsync("checkin-prompt:ny:2026-11-23");
        Assert.Equal(OutboxStatus.Withdrawn, prompt!.Status);
        Assert.Contains("checked in for 2026-11-20", prompt.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_prompt_for_a_rep_who_has_not_checked_in_is_sent()
    {
        await _bot.RememberConversationAsync(RecipientKind.Member, "ny", "dm-ny");
        _bot.Clock.AdvanceMinutes(1);
        await QueueAsync();

        await _bot.DispatchOutboxAsync();

        Assert.Single(_bot.Messenger.Sent, s => s.To.OwnerId == "ny");
        Assert.Equal(OutboxStatus.Sent, (await _bot.Get<IOutbox>().GetAsync("checkin-prompt:ny:2026-11-23"))!.Status);
    }

    [Theory]
    [InlineData("checkin-prompt:ny:2026-11-23", "ny")]
    [InlineData("checkin-prompt:msteams:29:abc:2026-11-23", "msteams:29:abc")]
    public void A_prompt_key_names_its_rep_and_day(string key, string memberId) =>
        Assert.Equal((memberId, new LocalDate(2026, 11, 23)), CheckInPrompts.ParseKey(key));

    [Theory]
    [InlineData("win:checkin-prompt:ny:2026-11-23")]
    [InlineData("checkin-prompt:ny:not-a-date")]
    [InlineData("checkin-prompt:2026-11-23")]
    public void Other_keys_are_not_prompts(string key) => Assert.Null(CheckInPrompts.ParseKey(key));

    [Fact]
    public async Task A_rep_who_already_checked_in_is_not_asked()
    {
        await _bot.SayAsync("calls 30, meetings 3, proposals 1", "ny");
        _bot.Clock.AdvanceMinutes(1);

        Assert.Equal(0, await QueueAsync());
    }

    [Fact]
    public async Task The_prompt_is_the_check_in_form_for_the_previous_workday_and_reaches_the_reps_chat()
    {
        await _bot.RememberConversationAsync(RecipientKind.Member, "ny", "dm-ny");
        _bot.Clock.AdvanceMinutes(1);

        await QueueAsync();
        await _bot.DispatchOutboxAsync();

        var (to, message) = Assert.Single(_bot.Messenger.Sent);
        Assert.Equal("dm-ny", to.ConversationId);
        Assert.StartsWith("Good morning Riley Rep!", message.Text, StringComparison.Ordinal);
        Assert.Equal(CheckInFlow.SubmitVerb, message.Form!.Verb);
        Assert.Equal("2026-11-20", message.Form.Data![CheckInMessages.ReportDateField]);
    }

    [Fact]
    public async Task The_sweep_reads_only_members_of_zones_where_it_is_prompt_time()
    {
        var reads = new List<string>();
        await using var bot = await TestBot.StartAsync(BeforeNineInNewYork, s => s.Decorate<IMemberStore>(inner => new ReadRecordingMembers(inner, reads)));
        await bot.WithMembersAsync(
            MemberBuilder.ARep("ny").InZone("America/New_York"),
            MemberBuilder.ARep("la").InZone("America/Los_Angeles"),
            MemberBuilder.ARep("tokyo").InZone("Asia/Tokyo"));
        bot.Clock.AdvanceMinutes(1); // 09:00 in New York; 06:00 in Los Angeles, 23:00 in Tokyo

        Assert.Equal(1, await bot.InScopeAsync<CheckInPrompts, int>(p => p.QueueDueAsync()));

        Assert.Equal(["ny"], reads);
    }

    [Fact]
    public async Task Nobody_is_asked_at_the_weekend()
    {
        _bot.Clock.Reset(Instant.FromUtc(2026, 11, 21, 14, 0)); // Saturday 09:00 in New York

        Assert.Equal(0, await QueueAsync());
    }

    /// <summary>Records which members were point-read.</summary>
    private sealed class ReadRecordingMembers(IMemberStore inner, List<string> reads) : IMemberStore
    {
        public Task<Stored<Member>?> GetAsync(string teamId, string memberId, CancellationToken cancellationToken = default)
        {
            reads.Add(memberId);
            return inner.GetAsync(teamId, memberId, cancellationToken);
        }

        public Task<Stored<Member>?> FindByChannelAccountAsync(ChannelAccount account, CancellationToken cancellationToken = default) =>
            inner.FindByChannelAccountAsync(account, cancellationToken);

        public Task<IReadOnlyList<Member>> ListTeamAsync(string teamId, CancellationToken cancellationToken = default) =>
            inner.ListTeamAsync(teamId, cancellationToken);
    }
}
