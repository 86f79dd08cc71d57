using Microsoft.Extensions.DependencyInjection;
using SalesBot.Conversations.Flows;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;
using SalesBot.Testing;

namespace SalesBot.Conversations.Tests;

public class ConversationTests : IAsyncLifetime
{
    private TestBot _bot = null!;

    public async Task InitializeAsync() => _bot = await TestBot.StartWithSmallTeamAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Theory]
    [InlineData("help")]
    [InlineData("Hi!")]
    [InlineData("/help")]
    public async Task Help_lists_what_the_bot_does(string text)
    {
        var result = await _bot.SayAsync(text);

        Assert.Contains("check in", result.AllText(), StringComparison.Ordinal);
        Assert.Contains("win", result.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_managers_help_offers_team_status_and_no_check_in_of_their_own()
    {
        var result = await _bot.SayAsync("help", "manager-1");

        var reply = Assert.Single(result.Replies);
        Assert.Equal([StatusFlow.Verb], reply.Actions.Select(a => a.Verb));
        Assert.Contains("who has checked in", result.AllText(), StringComparison.Ordinal);
        Assert.DoesNotContain("lead metrics", result.AllText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("what's the weather")]
    [InlineData("🤖🤖🤖")]
    [InlineData("   ")]
    public async Task Unknown_text_gets_a_short_helpful_answer(string text)
    {
        var result = await _bot.SayAsync(text);

        var reply = Assert.Single(result.Replies);
        Assert.Contains("help", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manager_sees_who_has_and_has_not_checked_in_with_numbers_against_target()
    {
        await _bot.SayAsync("calls 32, meetings 2, proposals 1 blockers: waiting on legal", "rep-1");

        var result = await _bot.SayAsync("status", "manager-1");

        var text = result.AllText();
        Assert.Contains("1 of 2 checked in for Fri 20 Nov", text, StringComparison.Ordinal);
        Assert.Contains("Not yet: Ben", text, StringComparison.Ordinal);
        Assert.Contains("Calls 32 / 30 ✅", text, StringComparison.Ordinal);
        Assert.Contains("Meetings booked 2 / 3 (1 to go)", text, StringComparison.Ordinal);
        Assert.Contains("Ava: waiting on legal", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rep_asking_for_status_sees_their_own_days()
    {
        await _bot.SayAsync("calls 32, meetings 2, proposals 1", "rep-1");

        var result = await _bot.SayAsync("status", "rep-1");

        Assert.Contains("You're checked in for Fri 20 Nov", result.AllText(), StringComparison.Ordinal);
        Assert.DoesNotContain("Ben", result.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_logged_win_is_queued_for_the_team_channel_and_delivered_there()
    {
        await _bot.RememberConversationAsync(RecipientKind.Team, TestData.TeamId, "team-channel");

        var result = await _bot.SayAsync("win moved Acme to proposal", eventId: "win-evt");
        var sent = await _bot.DispatchOutboxAsync();

        Assert.Contains("posted your win", result.AllText(), StringComparison.Ordinal);
        Assert.Equal(1, sent);
        var (to, message) = Assert.Single(_bot.Messenger.Sent);
        Assert.Equal("team-channel", to.ConversationId);
        Assert.Equal("🚀 Ava moved Acme from Discovery to Proposal", message.Text);
    }

    [Fact]
    public async Task A_throttled_post_is_retried_after_the_wait_the_channel_asked_for()
    {
        await _bot.RememberConversationAsync(RecipientKind.Team, TestData.TeamId, "team-channel");
        _bot.Messenger.NextResults.Enqueue(DeliveryResult.Retry(NodaTime.Duration.FromSeconds(30), "429"));
        await _bot.SayAsync("win booked a demo with Globex");

        Assert.Equal(0, await _bot.DispatchOutboxAsync());
        _bot.Clock.AdvanceSeconds(10);
        Assert.Equal(0, await _bot.DispatchOutboxAsync());
        _bot.Clock.AdvanceSeconds(25);
        Assert.Equal(1, await _bot.DispatchOutboxAsync());
        Assert.Single(_bot.Messenger.Sent);
    }

    [Fact]
    public async Task A_win_without_words_asks_for_them()
    {
        var result = await _bot.SayAsync("win");

        Assert.Equal(WinFlow.SubmitVerb, Assert.Single(result.Replies).Form!.Verb);
    }

    [Fact]
    public async Task A_stranger_in_a_known_workspace_joins_the_default_team_as_a_rep()
    {
        var inbound = _bot.Inbound("newbie") with { UserName = "Nia New", TimeZone = "Europe/Paris", Text = "help" };

        await _bot.HandleAsync(inbound);

        var member = (await _bot.Get<IMemberStore>().FindByChannelAccountAsync(new ChannelAccount(TestData.Channel, TestData.Tenant, "newbie")))?.Value;
        Assert.NotNull(member);
        Assert.Equal(TestData.TeamId, member.TeamId);
        Assert.Equal(MemberRole.Hunter, member.Role);
        Assert.Equal("Europe/Paris", member.TimeZoneId);
        Assert.Equal(3, member.Metrics.Count);
    }

    [Fact]
    public async Task The_first_person_in_a_new_workspace_becomes_its_manager()
    {
        var inbound = _bot.Inbound("founder") with { TenantId = "other-tenant", UserName = "Fay", Text = "status" };

        await _bot.HandleAsync(inbound);

        var member = await _bot.Get<IMemberStore>().FindByChannelAccountAsync(new ChannelAccount(TestData.Channel, "other-tenant", "founder"));
        Assert.Equal(MemberRole.Manager, member!.Value.Role);
    }

    [Fact]
    public async Task A_reflection_brings_back_last_months_i_will_try()
    {
        await _bot.CommitAsync(changes => changes.PutReflection(new Core.Reflections.Reflection
        {
            MemberId = "rep-1", Month = new NodaTime.YearMonth(2026, 10), Worked = "w", DidNotWork = "d",
            WillTry = "call before 9am", SubmittedAt = _bot.Clock.GetCurrentInstant(),
        }));

        var prompt = await _bot.SayAsync("reflect");
        var saved = await _bot.SubmitAsync(ReflectionFlow.SubmitVerb, new Dictionary<string, string>
        {
            ["worked"] = "Early calls", ["didNotWork"] = "Cold email", ["willTry"] = "LinkedIn intros", [ReflectionFlow.MonthField] = "2026-11",
        });

        Assert.Contains("call before 9am", prompt.AllText(), StringComparison.Ordinal);
        Assert.Contains("Reflection for November 2026 saved", saved.AllText(), StringComparison.Ordinal);
        Assert.Equal("LinkedIn intros", (await _bot.Get<IReflectionStore>().GetAsync("rep-1", new NodaTime.YearMonth(2026, 11)))!.WillTry);
    }
}

public class EngineFailureTests
{
    [Fact]
    public async Task A_failing_store_gets_an_apology_instead_of_an_exception()
    {
        await using var bot = await TestBot.StartAsync(configure: s =>
            s.AddSingleton<IReflectionStore>(new BrokenReflectionStore()));
        await bot.WithMembersAsync(MemberBuilder.ARep());

        var result = await bot.SayAsync("reflect");

        Assert.Contains("something went wrong on my side", Assert.Single(result.Replies).Text, StringComparison.Ordinal);
    }

    private sealed class BrokenReflectionStore : IReflectionStore
    {
        public Task<Core.Reflections.Reflection?> GetAsync(string memberId, NodaTime.YearMonth month, CancellationToken cancellationToken = default) =>
            throw new IOException("disk on fire");
    }
}
