using NodaTime;
using SalesBot.Conversations.Flows;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Wins;
using SalesBot.Testing;

namespace SalesBot.Conversations.Tests;

/// <summary>Fair recognition: the daily cap and its evening round-up, quiet hours for the channel, and opting out.</summary>
public class RecognitionTests : IAsyncLifetime
{
    // Monday 23 Nov 2026 in New York (the team's zone): 09:00 is 14:00 UTC, the 17:30 round-up 22:30 UTC.
    private static readonly LocalDate Monday = new(2026, 11, 23);
    private static readonly Instant RoundUpTime = Instant.FromUtc(2026, 11, 23, 22, 30);

    private TestBot _bot = null!;

    public async Task InitializeAsync()
    {
        _bot = await TestBot.StartWithSmallTeamAsync();
        await _bot.RememberConversationAsync(RecipientKind.Team, TestData.TeamId, "team-channel");
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private IEnumerable<string> ChannelPosts => _bot.Messenger.Sent.Where(s => s.To.ConversationId == "team-channel").Select(s => s.Message.AllText());

    private async Task LogAndDispatchAsync(string who, string what)
    {
        await _bot.SayAsync("win " + what, who);
        await _bot.DispatchOutboxAsync();
        _bot.Clock.AdvanceMinutes(10);
    }

    private Task SixWinsAsync() => LogSixAsync(["moved Acme to proposal", "booked a demo with Globex", "booked a demo with Initech",
        "moved Umbrella to negotiation", "booked a meeting with Hooli", "booked a meeting with Fabrikam"]);

    private async Task LogSixAsync(string[] wins)
    {
        for (var i = 0; i < wins.Length; i++)
        {
            await LogAndDispatchAsync(i % 2 == 0 ? "rep-1" : "rep-2", wins[i]);
        }
    }

    private async Task<OutboxMessage?> PostOfAsync(string memberId, string text)
    {
        var win = (await _bot.Get<IWinStore>().ListForMemberAsync(memberId, Instant.MinValue, Instant.MaxValue)).Single(w => w.Text == text);
        return await _bot.Get<IOutbox>().GetAsync("win:" + win.Id);
    }

    private void AdvanceTo(Instant instant) => _bot.Clock.Reset(instant);

    [Fact]
    public async Task The_sixth_post_of_the_day_folds_into_one_evening_round_up_sent_once_with_its_win()
    {
        await SixWinsAsync();

        Assert.Equal(5, ChannelPosts.Count());
        Assert.DoesNotContain(ChannelPosts, p => p.Contains("Fabrikam", StringComparison.Ordinal));
        var folded = await PostOfAsync("rep-2", "booked a meeting with Fabrikam");
        Assert.Equal(OutboxStatus.Withdrawn, folded!.Status);
        Assert.Equal(WinRoundUp.FoldedInto(Monday), folded.LastError);
        var roundUp = await _bot.Get<IOutbox>().GetAsync(WinRoundUp.Key(TestData.TeamId, Monday));
        Assert.Equal(RoundUpTime, roundUp!.NextAttemptAt);

        AdvanceTo(RoundUpTime - Duration.FromMinutes(1));
        await _bot.DispatchOutboxAsync();
        Assert.Equal(5, ChannelPosts.Count());

        AdvanceTo(RoundUpTime);
        await _bot.DispatchOutboxAsync();
        _bot.Clock.Advance(Duration.FromDays(1));
        await _bot.DispatchOutboxAsync();

        var sent = Assert.Single(ChannelPosts, p => p.Contains("More wins", StringComparison.Ordinal));
        Assert.Contains("🎉 More wins today: Ben: booked a meeting with Fabrikam.", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("Acme", sent, StringComparison.Ordinal);
        Assert.Equal(OutboxStatus.Sent, (await _bot.Get<IOutbox>().GetAsync(WinRoundUp.Key(TestData.TeamId, Monday)))!.Status);
    }

    [Fact]
    public async Task The_round_up_is_built_when_it_goes_out_so_a_rep_who_turned_posts_off_meanwhile_is_left_out()
    {
        await _bot.SayAsync("posts cap 0", "manager-1");
        await LogAndDispatchAsync("rep-1", "moved Acme to proposal");
        await LogAndDispatchAsync("rep-2", "booked a meeting with Fabrikam");
        Assert.Empty(ChannelPosts);

        await _bot.SayAsync("posts off", "rep-2");
        AdvanceTo(RoundUpTime);
        await _bot.DispatchOutboxAsync();

        var sent = Assert.Single(ChannelPosts);
        Assert.Contains("Ava: moved Acme from Discovery to Proposal", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("Ben", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("Fabrikam", sent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_detected_win_folded_into_the_round_up_and_then_taken_away_by_a_correction_is_left_out()
    {
        await _bot.SayAsync("posts cap 0", "manager-1");
        await _bot.SayAsync("calls 30, meetings 3, proposals 1", "rep-1"); // every target hit: its post waits 30 minutes
        await LogAndDispatchAsync("rep-2", "booked a meeting with Fabrikam");
        _bot.Clock.Advance(DetectedWins.SettleTime);
        await _bot.DispatchOutboxAsync();
        Assert.Equal(WinRoundUp.FoldedInto(Monday), (await _bot.Get<IOutbox>().GetAsync("win:detected:rep-1:2026-11-20:target"))!.LastError);

        await _bot.SayAsync("calls 12", "rep-1");
        AdvanceTo(RoundUpTime);
        await _bot.DispatchOutboxAsync();

        var sent = Assert.Single(ChannelPosts);
        Assert.Contains("Ben: booked a meeting with Fabrikam", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("target", sent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_round_up_with_nobody_left_in_it_is_withdrawn_not_sent()
    {
        await _bot.SayAsync("posts cap 0", "manager-1");
        await LogAndDispatchAsync("rep-2", "booked a meeting with Fabrikam");
        await _bot.SayAsync("posts off", "rep-2");

        AdvanceTo(RoundUpTime);
        await _bot.DispatchOutboxAsync();

        Assert.Empty(ChannelPosts);
        Assert.Equal(OutboxStatus.Withdrawn, (await _bot.Get<IOutbox>().GetAsync(WinRoundUp.Key(TestData.TeamId, Monday)))!.Status);
    }

    [Fact]
    public async Task Past_the_cap_after_the_round_up_went_out_a_win_joins_the_next_working_days_round_up()
    {
        await _bot.SayAsync("posts cap 0", "manager-1");
        AdvanceTo(RoundUpTime + Duration.FromMinutes(30)); // 18:00 in New York, still working hours
        await LogAndDispatchAsync("rep-1", "moved Acme to proposal");

        Assert.Equal(WinRoundUp.FoldedInto(Monday.PlusDays(1)), (await PostOfAsync("rep-1", "moved Acme from Discovery to Proposal"))!.LastError);
        AdvanceTo(RoundUpTime + Duration.FromDays(1));
        await _bot.DispatchOutboxAsync();
        Assert.Contains("Ava: moved Acme from Discovery to Proposal", Assert.Single(ChannelPosts), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rep_with_posts_off_is_told_their_win_stays_private_and_it_still_counts_for_their_manager()
    {
        var off = await _bot.SayAsync("posts off", "rep-2");
        var logged = await _bot.SayAsync("win booked a demo with Globex", "rep-2");
        await _bot.DispatchOutboxAsync();

        Assert.Contains("your wins won't be posted in the team channel", off.AllText(), StringComparison.Ordinal);
        Assert.Contains("Your posts are off, so nothing goes to the team channel", logged.AllText(), StringComparison.Ordinal);
        Assert.Empty(ChannelPosts);
        Assert.Single(await _bot.Get<IWinStore>().ListForMemberAsync("rep-2", Instant.MinValue, Instant.MaxValue));
        Assert.Contains("public posts off", (await PostOfAsync("rep-2", "booked a demo with Globex"))!.LastError, StringComparison.Ordinal);

        AdvanceTo(Instant.FromUtc(2026, 11, 24, 14, 0)); // the next morning, when Monday is the latest report day
        var status = await _bot.SayAsync("status ben", "manager-1");
        Assert.Contains("booked a demo with Globex", status.AllText(), StringComparison.Ordinal);
        var week = await _bot.SayAsync("status week", "manager-1");
        Assert.Contains("1 win", week.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Posts_on_celebrates_the_next_win_again()
    {
        await _bot.SayAsync("posts off", "rep-1");
        var on = await _bot.SayAsync("posts on", "rep-1");
        await LogAndDispatchAsync("rep-1", "moved Acme to proposal");

        Assert.Contains("celebrated in the team channel again", on.AllText(), StringComparison.Ordinal);
        Assert.Contains("Ava moved Acme from Discovery to Proposal", Assert.Single(ChannelPosts), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_win_logged_late_on_a_weekday_evening_posts_the_next_working_morning()
    {
        AdvanceTo(Instant.FromUtc(2026, 11, 24, 3, 0)); // Mon 22:00 in New York
        await _bot.SayAsync("win booked a demo with Initech", "rep-1");

        await _bot.DispatchOutboxAsync();
        Assert.Empty(ChannelPosts);
        Assert.Equal(Instant.FromUtc(2026, 11, 24, 13, 0), (await PostOfAsync("rep-1", "booked a demo with Initech"))!.NextAttemptAt); // Tue 08:00

        AdvanceTo(Instant.FromUtc(2026, 11, 24, 13, 0));
        await _bot.DispatchOutboxAsync();
        Assert.Contains("booked a demo with Initech", Assert.Single(ChannelPosts), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_win_logged_on_friday_night_waits_through_the_weekend_for_monday_morning()
    {
        AdvanceTo(Instant.FromUtc(2026, 11, 28, 3, 0)); // Fri 27 Nov, 22:00 in New York
        await _bot.SayAsync("win moved Acme to proposal", "rep-1");

        foreach (var at in new[] { Instant.FromUtc(2026, 11, 28, 15, 0), Instant.FromUtc(2026, 11, 29, 17, 0), Instant.FromUtc(2026, 11, 30, 12, 59) })
        {
            AdvanceTo(at); // Saturday, Sunday, Monday 07:59
            await _bot.DispatchOutboxAsync();
            Assert.Empty(ChannelPosts);
        }

        AdvanceTo(Instant.FromUtc(2026, 11, 30, 13, 0)); // Monday 08:00
        await _bot.DispatchOutboxAsync();
        Assert.Contains("Ava moved Acme from Discovery to Proposal", Assert.Single(ChannelPosts), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_win_logged_on_a_team_holiday_waits_for_the_next_working_day()
    {
        await _bot.SayAsync("holiday add Nov 24 Team offsite", "manager-1");
        AdvanceTo(Instant.FromUtc(2026, 11, 24, 15, 0)); // the holiday, 10:00 in New York
        await _bot.SayAsync("win moved Acme to proposal", "rep-1");

        await _bot.DispatchOutboxAsync();
        Assert.Empty(ChannelPosts);
        Assert.Equal(Instant.FromUtc(2026, 11, 25, 13, 0), (await PostOfAsync("rep-1", "moved Acme from Discovery to Proposal"))!.NextAttemptAt);
    }

    [Fact]
    public async Task A_manager_sets_the_cap_and_round_up_time_and_posts_shows_them()
    {
        var cap = await _bot.SayAsync("posts cap 3", "manager-1");
        var time = await _bot.SayAsync("posts round-up 16:00", "manager-1");
        var shown = await _bot.SayAsync("posts", "rep-1");

        Assert.Contains("at most 3 posts a day", cap.AllText(), StringComparison.Ordinal);
        Assert.Contains("the round-up goes out at 16:00", time.AllText(), StringComparison.Ordinal);
        var team = (await _bot.Get<IOrganizationStore>().GetTeamAsync(TestData.TeamId))!.Value;
        Assert.Equal(new RecognitionSettings { DailyPostCap = 3, RoundUpAt = new LocalTime(16, 0) }, team.Recognition);
        Assert.Contains("3 posts a day in the team channel", shown.AllText(), StringComparison.Ordinal);
        Assert.Contains("16:00 on a day past the cap", shown.AllText(), StringComparison.Ordinal);
        Assert.Contains("Mon–Fri, 08:00–19:00", shown.AllText(), StringComparison.Ordinal);
        Assert.Contains("celebrated in the team channel", shown.AllText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("manager-1", "posts cap 99", "from 0 to 50")]
    [InlineData("manager-1", "posts cap -1", "from 0 to 50")]
    [InlineData("manager-1", "posts roundup 21:00", "inside the team's working hours")]
    [InlineData("manager-1", "posts roundup soon", "isn't a time of day")]
    [InlineData("rep-1", "posts cap 10", "Only a manager can change")]
    [InlineData("rep-1", "posts loud", "didn't understand")]
    public async Task A_setting_that_cannot_work_or_is_not_theirs_to_change_is_refused_and_changes_nothing(string who, string text, string reason)
    {
        var result = await _bot.SayAsync(text, who);

        Assert.Contains(reason, result.AllText(), StringComparison.Ordinal);
        Assert.Equal(RecognitionSettings.Default, (await _bot.Get<IOrganizationStore>().GetTeamAsync(TestData.TeamId))!.Value.Recognition);
    }
}
