using NodaTime;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Ports;
using SalesBot.Conversations.Scheduling;
using SalesBot.Testing;

namespace SalesBot.Conversations.Tests;

/// <summary>
/// The manager's daily coaching alerts, triggered by the fake clock. "Now" starts on Sunday night
/// 22 Nov 2026 in New York; the alerts are due Monday 23 Nov at 14:00, when each rep's report day is
/// Friday 20 Nov. Ava made 20 calls a day for four weeks, then 5 a day last week (a drought);
/// Ben checked in Monday to Wednesday and missed Thursday and Friday; Cara checked in Monday to
/// Wednesday and was away Thursday and Friday; Dan has reported "waiting on legal" since Monday.
/// Zed, on another team, misses everything but reports to another manager.
/// </summary>
public sealed class CoachingAlertTests : IAsyncLifetime
{
    private static readonly LocalDate Monday = new(2026, 11, 16);
    private static readonly Instant SundayNight = Instant.FromUtc(2026, 11, 23, 4, 0);
    private TestBot _bot = null!;

    public async Task InitializeAsync()
    {
        _bot = await (await TestBot.StartAsync(SundayNight)).WithMembersAsync(
            MemberBuilder.ARep("rep-1").WithName("Ava Patel").ReportingTo("manager-1").StartedOn(new LocalDate(2026, 1, 5)),
            MemberBuilder.ARep("rep-2").WithName("Ben Okafor").ReportingTo("manager-1").StartedOn(new LocalDate(2026, 1, 5)),
            MemberBuilder.ARep("rep-3").WithName("Cara Lind").ReportingTo("manager-1").StartedOn(new LocalDate(2026, 1, 5)).AwayFrom(Monday.PlusDays(3), Monday.PlusDays(4)),
            MemberBuilder.ARep("rep-4").WithName("Dan Ruiz").ReportingTo("manager-1").StartedOn(new LocalDate(2026, 1, 5)),
            MemberBuilder.AManager(),
            MemberBuilder.AManager("manager-2").WithName("Other Manager"),
            MemberBuilder.ARep("rep-9").WithName("Zed Elsewhere").ReportingTo("manager-2").StartedOn(new LocalDate(2026, 1, 5)));
        await _bot.CommitAsync(c =>
        {
            for (var day = Monday.PlusDays(-28); day < Monday; day = day.PlusDays(1))
            {
                if (day.DayOfWeek < IsoDayOfWeek.Saturday)
                {
                    c.PutCheckIn(CheckInBuilder.ACheckIn().For("rep-1").On(day).With("calls", 20), Expect.Absent);
                }
            }

            for (var i = 0; i < 5; i++)
            {
                c.PutCheckIn(CheckInBuilder.ACheckIn().For("rep-1").On(Monday.PlusDays(i)).With("calls", 5), Expect.Absent);
                c.PutCheckIn(CheckInBuilder.ACheckIn().For("rep-4").On(Monday.PlusDays(i)).With("calls", 10).WithBlockers("waiting on legal"), Expect.Absent);
            }

            for (var i = 0; i < 3; i++)
            {
                c.PutCheckIn(CheckInBuilder.ACheckIn().For("rep-2").On(Monday.PlusDays(i)).With("calls", 10), Expect.Absent);
                c.PutCheckIn(CheckInBuilder.ACheckIn().For("rep-3").On(Monday.PlusDays(i)).With("calls", 10), Expect.Absent);
            }
        });
        await _bot.RememberConversationAsync(RecipientKind.Member, "manager-1", "manager-1-dm");
        await _bot.RememberConversationAsync(RecipientKind.Member, "manager-2", "manager-2-dm");
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task At_the_alert_time_the_manager_gets_one_batched_message_about_their_own_reps_each_with_a_question()
    {
        await RunScheduleAsync();
        Assert.DoesNotContain(_bot.Messenger.Sent, s => s.To.OwnerId == "manager-1");

        _bot.Clock.AdvanceHours(15); // 14:00 in New York
        await RunScheduleAsync();
        await RunScheduleAsync();

        var alerts = Assert.Single(_bot.Messenger.Sent, s => s.To.OwnerId == "manager-1").Message;
        var text = alerts.AllText();
        Assert.Contains("Coaching alerts · Test Sales · Mon 23 Nov", text, StringComparison.Ordinal);
        Assert.Contains("3 reps could use a conversation today: Ava Patel, Ben Okafor, Dan Ruiz.", text, StringComparison.Ordinal);
        // Every metric counts: (5 calls + 3 meetings + 1 proposal) a day last week against (20 + 3 + 1) over the 20 days before: down 62%.
        Assert.Contains("Ava Patel: lead activity down 62% this week on their 4-week average. Ask: \"What changed this week", text, StringComparison.Ordinal);
        Assert.Contains("Ben Okafor: no check-in for 2 working days in a row (since Thu 19 Nov). Ask: \"What's getting in the way", text, StringComparison.Ordinal);
        Assert.Contains("Dan Ruiz: blocker open 4 days: waiting on legal. Ask: \"Who could unblock this", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Cara", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Zed", text, StringComparison.Ordinal);
        Assert.Equal(["Ava Patel", "Ben Okafor", "Dan Ruiz"], alerts.Actions.Select(a => a.Title));
        // Zed's manager gets their own, about Zed only.
        Assert.Contains("Zed Elsewhere: no check-in for", Assert.Single(_bot.Messenger.Sent, s => s.To.OwnerId == "manager-2").Message.AllText(), StringComparison.Ordinal);

        var again = (await _bot.SayAsync("run alerts", "manager-1")).AllText();
        Assert.Contains("Nothing to send for today's coaching alerts", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_alerts_sends_the_day_s_alerts_now_and_a_rule_switched_off_drops_out()
    {
        var reply = (await _bot.SayAsync("alerts missed off", "manager-1")).AllText();
        Assert.Contains("Coaching alerts for Test Sales at 14:00: a drought of 30% against the 4-week average, a blocker open 3 days.", reply, StringComparison.Ordinal);

        _bot.Clock.AdvanceHours(6); // Monday 05:00 in New York: "run" sends now, in working hours
        Assert.Contains("Sending today's coaching alerts to Mia Manager", (await _bot.SayAsync("run alerts", "manager-1")).AllText(), StringComparison.Ordinal);
        _bot.Clock.AdvanceHours(4);
        await _bot.DispatchOutboxAsync();

        var text = Assert.Single(_bot.Messenger.Sent, s => s.To.OwnerId == "manager-1").Message.AllText();
        Assert.Contains("2 reps could use a conversation today: Ava Patel, Dan Ruiz.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ben", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_every_alert_off_nothing_is_sent()
    {
        Assert.Contains("are off", (await _bot.SayAsync("alerts off", "manager-1")).AllText(), StringComparison.Ordinal);

        _bot.Clock.AdvanceHours(15);
        await RunScheduleAsync();

        Assert.DoesNotContain(_bot.Messenger.Sent, s => s.To.OwnerId == "manager-1");
        var back = (await _bot.SayAsync("alerts drought on", "manager-1")).AllText();
        Assert.Contains("last week 30% or more below the rep's own 4-week average", back, StringComparison.Ordinal);
        Assert.Contains("Missed check-ins: off", back, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("alerts drought 150%")]
    [InlineData("alerts missed never")]
    [InlineData("alerts sometimes")]
    [InlineData("alerts at noonish")]
    public async Task Settings_that_are_not_understood_get_the_usage_and_change_nothing(string command)
    {
        var reply = (await _bot.SayAsync(command, "manager-1")).AllText();

        Assert.Contains("Sorry, I didn't understand", reply, StringComparison.Ordinal);
        Assert.Contains("alerts blockers 3 days", reply, StringComparison.Ordinal);
        Assert.Equal(Core.Summaries.AlertSettings.Default, (await _bot.Get<IOrganizationStore>().GetTeamAsync(TestData.TeamId))!.Value.Alerts);
    }

    [Fact]
    public async Task A_rep_cannot_see_or_change_the_alerts()
    {
        var reply = (await _bot.SayAsync("alerts off", "rep-1")).AllText();

        Assert.Contains("Coaching alerts go to managers", reply, StringComparison.Ordinal);
        Assert.Equal(Core.Summaries.AlertSettings.Default, (await _bot.Get<IOrganizationStore>().GetTeamAsync(TestData.TeamId))!.Value.Alerts);
    }

    private async Task RunScheduleAsync()
    {
        await _bot.InScopeAsync<ScheduledPrompts, ScheduleRun>(p => p.RunDueAsync());
        await _bot.DispatchOutboxAsync();
    }
}
