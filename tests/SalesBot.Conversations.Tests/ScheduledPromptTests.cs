using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using SalesBot.Conversations.Flows;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Conversations.Scheduling;
using SalesBot.Core.Organization;
using SalesBot.Core.Schedules;
using SalesBot.Testing;

namespace SalesBot.Conversations.Tests;

/// <summary>Check-in prompts and reminders from the stored schedules, with a fake clock.</summary>
public class ScheduledPromptTests : IAsyncLifetime
{
    // Monday 23 Nov 2026, 08:59 in New York (13:59 UTC): 13:59 in London, 05:59 in Los Angeles.
    private static readonly Instant BeforeNineInNewYork = Instant.FromUtc(2026, 11, 23, 13, 59);
    private TestBot _bot = null!;

    public async Task InitializeAsync()
    {
        _bot = await (await TestBot.StartAsync(BeforeNineInNewYork)).WithMembersAsync(
            MemberBuilder.ARep("ny").InZone("America/New_York"),
            MemberBuilder.ARep("la").InZone("America/Los_Angeles"),
            MemberBuilder.ARep("london").InZone("Europe/London"),
            MemberBuilder.AManager().InZone("America/New_York"));
        await _bot.RememberConversationAsync(RecipientKind.Member, "ny", "dm-ny");
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private Task<ScheduleRun> RunAsync() => _bot.InScopeAsync<ScheduledPrompts, ScheduleRun>(p => p.RunDueAsync());

    private Task<OutboxMessage?> OutboxAsync(string key) => _bot.Get<IOutbox>().GetAsync(key);

    private async Task AtAsync(int utcHour, int utcMinute, int day = 23)
    {
        _bot.Clock.Reset(Instant.FromUtc(2026, 11, day, utcHour, utcMinute));
        await RunAsync();
        await _bot.DispatchOutboxAsync();
    }

    private List<string> SentTo(string member) => _bot.Messenger.Sent.Where(s => s.To.OwnerId == member).Select(s => s.Message.Text).ToList();

    [Fact]
    public async Task Each_rep_is_asked_at_nine_in_their_own_zone_and_managers_are_not()
    {
        // 13:59 in London: its nine o'clock is long past (skipped), its one o'clock reminder still in grace; New York not yet at nine.
        Assert.Equal(new ScheduleRun(Queued: 1, Skipped: 1), (await RunAsync()) with { NextDue = null });
        Assert.Equal(OutboxStatus.Skipped, (await OutboxAsync("checkin-prompt:london:2026-11-23"))!.Status);
        Assert.Equal(OutboxStatus.Pending, (await OutboxAsync("checkin-reminder:london:2026-11-23"))!.Status);

        _bot.Clock.AdvanceMinutes(1);
        Assert.Equal(1, (await RunAsync()).Queued);
        Assert.NotNull(await OutboxAsync("checkin-prompt:ny:2026-11-23"));

        _bot.Clock.AdvanceHours(3); // 09:00 in Los Angeles
        Assert.Equal(1, (await RunAsync()).Queued);
        Assert.NotNull(await OutboxAsync("checkin-prompt:la:2026-11-23"));
        Assert.Null(await OutboxAsync("checkin-prompt:manager-1:2026-11-23"));
    }

    [Fact]
    public async Task The_run_says_when_it_is_next_due_and_running_again_asks_once()
    {
        var first = await RunAsync();
        Assert.Equal(Instant.FromUtc(2026, 11, 23, 14, 0), first.NextDue);

        _bot.Clock.AdvanceMinutes(1);
        Assert.Equal(1, (await RunAsync()).Queued);
        Assert.Equal(0, (await RunAsync()).Queued);
    }

    [Fact]
    public async Task Between_prompt_times_a_run_reads_no_members_and_a_schedule_change_makes_it_read_again()
    {
        var reads = new List<string>();
        await using var bot = await TestBot.StartAsync(BeforeNineInNewYork, s => s.Decorate<IMemberStore>(inner => new ReadRecordingMembers(inner, reads)));
        await bot.WithMembersAsync(MemberBuilder.ARep("ny").InZone("America/New_York"), MemberBuilder.ARep("tokyo").InZone("Asia/Tokyo"));
        await bot.InScopeAsync<ScheduledPrompts, ScheduleRun>(p => p.RunDueAsync());
        reads.Clear();

        bot.Clock.AdvanceSeconds(30);
        await bot.InScopeAsync<ScheduledPrompts, ScheduleRun>(p => p.RunDueAsync());
        Assert.Empty(reads);

        bot.Clock.AdvanceSeconds(30); // 09:00 in New York; 23:00 in Tokyo
        Assert.Equal(1, (await bot.InScopeAsync<ScheduledPrompts, ScheduleRun>(p => p.RunDueAsync())).Queued);
        Assert.Equal(["ny"], reads);

        reads.Clear();
        bot.Get<SchedulePlan>().Invalidate();
        await bot.InScopeAsync<ScheduledPrompts, ScheduleRun>(p => p.RunDueAsync());
        Assert.Equal(["ny", "tokyo"], reads.Order());
    }

    [Fact]
    public async Task A_rep_who_moves_their_check_in_earlier_is_asked_then_and_no_other_zone_is_read_again()
    {
        var reads = new List<string>();
        await using var bot = await TestBot.StartAsync(Instant.FromUtc(2026, 11, 23, 12, 0), s => s
            .Decorate<IMemberStore>(inner => new ReadRecordingMembers(inner, reads))
            .Replace(ServiceDescriptor.Singleton(new SchedulePolicy { Replan = Duration.FromHours(6) })));
        await bot.WithMembersAsync(MemberBuilder.ARep("ny").InZone("America/New_York"), MemberBuilder.ARep("tokyo").InZone("Asia/Tokyo"));
        await bot.InScopeAsync<ScheduledPrompts, ScheduleRun>(p => p.RunDueAsync()); // 07:00 in New York: next due at nine

        await bot.SayAsync("schedule checkin 8:15", "ny");
        Assert.Equal(Instant.FromUtc(2026, 11, 23, 13, 15), bot.Get<SchedulePlan>().NextDue());
        reads.Clear();
        bot.Clock.Reset(Instant.FromUtc(2026, 11, 23, 13, 15));

        Assert.Equal(1, (await bot.InScopeAsync<ScheduledPrompts, ScheduleRun>(p => p.RunDueAsync())).Queued);
        Assert.Equal(["ny"], reads);
    }

    [Fact]
    public async Task The_prompt_is_the_form_for_the_previous_working_day_with_snooze_and_skip()
    {
        await AtAsync(14, 0);

        var (to, message) = Assert.Single(_bot.Messenger.Sent);
        Assert.Equal("dm-ny", to.ConversationId);
        Assert.StartsWith("Good morning Riley Rep!", message.Text, StringComparison.Ordinal);
        Assert.Equal("2026-11-20", message.Form!.Data![CheckInMessages.ReportDateField]);
        Assert.Equal([ScheduledMessages.SnoozeVerb, ScheduledMessages.SkipVerb], message.Actions.Select(a => a.Verb));
    }

    [Fact]
    public async Task A_prompt_queued_before_the_rep_checked_in_is_withdrawn_when_its_turn_comes()
    {
        _bot.Clock.AdvanceMinutes(1);
        await RunAsync();

        await _bot.SayAsync("calls 30, meetings 3, proposals 1", "ny");
        await _bot.DispatchOutboxAsync();

        Assert.Empty(SentTo("ny"));
        var prompt = await OutboxAsync("checkin-prompt:ny:2026-11-23");
        Assert.Equal(OutboxStatus.Withdrawn, prompt!.Status);
        Assert.Contains("checked in for 2026-11-20", prompt.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_one_o_clock_reminder_goes_only_to_a_rep_who_has_not_checked_in()
    {
        await _bot.WithMembersAsync(MemberBuilder.ARep("ny-done").InZone("America/New_York"));
        await _bot.RememberConversationAsync(RecipientKind.Member, "ny-done", "dm-ny-done");
        await AtAsync(14, 0);
        await _bot.SayAsync("calls 30, meetings 3, proposals 1", "ny-done");

        await AtAsync(18, 0); // 13:00 in New York

        Assert.Contains(SentTo("ny"), t => t.StartsWith("A quick reminder", StringComparison.Ordinal));
        Assert.DoesNotContain(SentTo("ny-done"), t => t.StartsWith("A quick reminder", StringComparison.Ordinal));
        Assert.Equal(2, SentTo("ny").Count);
    }

    [Fact]
    public async Task A_queued_reminder_is_never_sent_after_a_check_in()
    {
        _bot.Clock.Reset(Instant.FromUtc(2026, 11, 23, 18, 0));
        await RunAsync();
        await _bot.SayAsync("calls 30, meetings 3, proposals 1", "ny");

        await _bot.DispatchOutboxAsync();

        Assert.Empty(SentTo("ny"));
        Assert.Equal(OutboxStatus.Withdrawn, (await OutboxAsync("checkin-reminder:ny:2026-11-23"))!.Status);
    }

    [Fact]
    public async Task A_snoozed_prompt_comes_back_an_hour_later_and_takes_the_place_of_the_reminder()
    {
        await AtAsync(14, 0);
        _bot.Clock.AdvanceMinutes(5);

        var reply = await _bot.SubmitAsync(ScheduledMessages.SnoozeVerb, new Dictionary<string, string>(), "ny");
        Assert.Equal("OK, I'll ask again at 10:05. ⏰", reply.Replies[0].Text);

        await AtAsync(15, 4);
        Assert.Single(SentTo("ny"));
        await AtAsync(15, 5);
        Assert.StartsWith("Here's your snoozed check-in", SentTo("ny")[1], StringComparison.Ordinal);

        await AtAsync(18, 0);
        Assert.Equal(2, SentTo("ny").Count);
        Assert.Equal(OutboxStatus.Withdrawn, (await OutboxAsync("checkin-reminder:ny:2026-11-23"))!.Status);
    }

    [Fact]
    public async Task A_snooze_that_would_land_after_working_hours_is_refused_politely()
    {
        _bot.Clock.Reset(Instant.FromUtc(2026, 11, 23, 23, 30)); // 18:30 in New York

        var reply = await _bot.SubmitAsync(ScheduledMessages.SnoozeVerb, new Dictionary<string, string>(), "ny");

        Assert.Contains("after your working hours", reply.Replies[0].Text, StringComparison.Ordinal);
        Assert.Null(await OutboxAsync(PromptKeys.Snooze("ny", new LocalDate(2026, 11, 23), 1)));
    }

    [Fact]
    public async Task Skip_today_withdraws_the_prompt_and_stops_the_reminder_and_the_streak_is_safe()
    {
        _bot.Clock.Reset(Instant.FromUtc(2026, 11, 23, 14, 0));
        await RunAsync();

        var reply = await _bot.SubmitAsync(ScheduledMessages.SkipVerb, new Dictionary<string, string> { ["reportDate"] = "1900-01-01" }, "ny");
        await _bot.DispatchOutboxAsync();
        await AtAsync(18, 0);

        Assert.StartsWith("Skipping today (Mon 23 Nov)", reply.Replies[0].Text, StringComparison.Ordinal);
        Assert.Empty(SentTo("ny"));
        Assert.Equal(OutboxStatus.Withdrawn, (await OutboxAsync("checkin-prompt:ny:2026-11-23"))!.Status);
        Assert.Null(await OutboxAsync("checkin-reminder:ny:2026-11-23"));
    }

    [Fact]
    public async Task Nobody_is_asked_while_away_and_the_prompts_start_again_on_the_day_back()
    {
        var reply = await _bot.SayAsync("I'm off until Dec 2", "ny");
        Assert.Contains("you're away Mon 23 Nov to Tue 1 Dec", reply.Replies[0].Text, StringComparison.Ordinal);

        for (var day = 23; day <= 30; day++)
        {
            await AtAsync(14, 0, day);
            await AtAsync(18, 0, day);
        }

        Assert.Empty(SentTo("ny"));
        _bot.Clock.Reset(Instant.FromUtc(2026, 12, 2, 14, 0));
        await RunAsync();
        await _bot.DispatchOutboxAsync();
        Assert.Single(SentTo("ny"));
    }

    [Fact]
    public async Task Nobody_is_asked_on_a_team_holiday_the_manager_set()
    {
        var reply = await _bot.SayAsync("holiday add Nov 26 Thanksgiving", "manager-1");
        Assert.StartsWith("Added Thanksgiving (Thu 26 Nov)", reply.Replies[0].Text, StringComparison.Ordinal);

        await AtAsync(14, 0, 26);
        await AtAsync(18, 0, 26);

        Assert.Empty(SentTo("ny"));
        Assert.Equal("Only a manager can change the team's holidays. For your own days off, say e.g. \"off Dec 24 to Jan 2\".",
            (await _bot.SayAsync("holiday add Nov 27 Day after", "ny")).Replies[0].Text);
    }

    [Fact]
    public async Task A_check_in_time_before_working_hours_is_held_until_they_start()
    {
        await _bot.SayAsync("schedule checkin 7:00", "ny");

        await AtAsync(12, 0); // 07:00 in New York, before the 08:00 start
        Assert.Empty(SentTo("ny"));
        await AtAsync(13, 0); // 08:00

        Assert.Single(SentTo("ny"));
    }

    [Fact]
    public async Task A_digest_that_comes_due_after_working_hours_waits_for_the_next_working_morning()
    {
        await _bot.RememberConversationAsync(RecipientKind.Member, "manager-1", "dm-manager");
        await _bot.SayAsync("team schedule digest fri 18:30", "manager-1");
        await _bot.SayAsync("schedule hours 8-18", "manager-1");

        await AtAsync(23, 30, 27); // Friday 18:30 in New York
        Assert.Empty(SentTo("manager-1"));
        await AtAsync(13, 0, 30); // Monday 08:00

        Assert.StartsWith("Weekly digest for Test Sales", Assert.Single(SentTo("manager-1")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_downtime_a_prompt_inside_the_grace_window_goes_out_once()
    {
        await AtAsync(14, 40); // the service was down at nine and started at 09:40

        Assert.Single(SentTo("ny"));
        await AtAsync(14, 50);
        Assert.Single(SentTo("ny"));
    }

    [Fact]
    public async Task After_downtime_past_the_grace_window_the_prompt_is_skipped_logged_and_never_sent()
    {
        var logger = new RecordingLogger<ScheduledPrompts>();
        await using var bot = await TestBot.StartAsync(Instant.FromUtc(2026, 11, 23, 15, 30), s => s.AddSingleton<Microsoft.Extensions.Logging.ILogger<ScheduledPrompts>>(logger));
        await bot.WithMembersAsync(MemberBuilder.ARep("ny").InZone("America/New_York"));
        await bot.RememberConversationAsync(RecipientKind.Member, "ny", "dm-ny");

        await bot.InScopeAsync<ScheduledPrompts, ScheduleRun>(p => p.RunDueAsync());
        await bot.DispatchOutboxAsync();
        bot.Get<SchedulePlan>().Invalidate();
        await bot.InScopeAsync<ScheduledPrompts, ScheduleRun>(p => p.RunDueAsync());

        Assert.Empty(bot.Messenger.Sent);
        var skipped = await bot.Get<IOutbox>().GetAsync("checkin-prompt:ny:2026-11-23");
        Assert.Equal(OutboxStatus.Skipped, skipped!.Status);
        Assert.Contains("past the 60-minute catch-up grace", skipped.LastError, StringComparison.Ordinal);
        Assert.Single(logger.Entries, e => e.EventId.Id == 1201);
    }

    [Fact]
    public async Task A_rep_can_move_their_own_check_in_time_and_the_next_run_follows_it()
    {
        var reply = await _bot.SayAsync("schedule check-in 8:30", "ny");
        Assert.StartsWith("Your schedule is updated.", reply.Replies[0].Text, StringComparison.Ordinal);

        await AtAsync(13, 30); // 08:30 in New York

        Assert.Single(SentTo("ny"));
    }

    [Fact]
    public async Task A_schedule_that_cannot_work_is_refused_and_nothing_changes()
    {
        var reply = await _bot.SayAsync("schedule reminder 8:00", "ny");

        Assert.Equal("The reminder must come after the check-in time. Nothing was changed.", reply.Replies[0].Text);
        Assert.Null((await _bot.Get<IMemberStore>().GetAsync(TestData.TeamId, "ny"))!.Value.Schedule);
    }

    [Fact]
    public async Task Only_a_manager_changes_the_team_schedule_and_everyone_on_the_team_follows_it()
    {
        Assert.StartsWith("Only a manager", (await _bot.SayAsync("team schedule checkin 10:00", "ny")).Replies[0].Text, StringComparison.Ordinal);

        await _bot.SayAsync("team schedule checkin 10:00", "manager-1");
        await AtAsync(14, 0);
        Assert.Empty(SentTo("ny"));
        await AtAsync(15, 0);

        Assert.Single(SentTo("ny"));
        Assert.Equal(new LocalTime(10, 0), (await _bot.Get<IOrganizationStore>().GetTeamAsync(TestData.TeamId))!.Value.Schedule.CheckInAt);
    }

    [Fact]
    public async Task The_monthly_reflection_arrives_on_the_first_working_day_with_the_reps_numbers_and_last_months_try()
    {
        await _bot.CommitAsync(c => c.PutReflection(new Core.Reflections.Reflection
        {
            MemberId = "ny",
            Month = new YearMonth(2026, 10),
            Worked = "Mornings",
            DidNotWork = "Fridays",
            WillTry = "Call before ten",
            SubmittedAt = BeforeNineInNewYork,
        }));

        _bot.Clock.Reset(Instant.FromUtc(2026, 12, 1, 20, 0)); // Tuesday 1 Dec, 15:00 in New York
        await RunAsync();
        await _bot.DispatchOutboxAsync();

        var reflection = _bot.Messenger.Sent.Single(s => s.Message.Form?.Verb == ReflectionFlow.SubmitVerb).Message;
        Assert.StartsWith("It's a new month, Riley Rep: time to reflect on November 2026.", reflection.Text, StringComparison.Ordinal);
        Assert.Contains(reflection.Blocks.OfType<Paragraph>(), p => p.Text.Contains("Call before ten", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_manager_can_run_reminders_now_and_a_rep_cannot()
    {
        await _bot.SayAsync("calls 30, meetings 3, proposals 1", "la");

        var reply = await _bot.SayAsync("run reminders", "manager-1");
        await _bot.DispatchOutboxAsync();

        Assert.StartsWith("Sending reminders to Riley Rep, Riley Rep.", reply.Replies[0].Text, StringComparison.Ordinal);
        Assert.Single(SentTo("ny"));
        Assert.StartsWith("Running a schedule by hand is for managers", (await _bot.SayAsync("run reminders", "ny")).Replies[0].Text, StringComparison.Ordinal);
        Assert.StartsWith("Run which schedule?", (await _bot.SayAsync("run everything", "manager-1")).Replies[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manager_can_run_the_digest_now_and_on_a_monday_sees_the_week_just_ended()
    {
        await _bot.RememberConversationAsync(RecipientKind.Member, "manager-1", "dm-manager");
        await _bot.SayAsync("calls 30, meetings 3, proposals 1", "ny");

        await _bot.SayAsync("run digest", "manager-1");
        await _bot.DispatchOutboxAsync();

        var digest = Assert.Single(_bot.Messenger.Sent, s => s.To.OwnerId == "manager-1").Message;
        Assert.Equal("Weekly digest · Test Sales · week of Mon 16 Nov", Assert.IsType<Heading>(digest.Blocks[0]).Text);
        Assert.Equal(3, Assert.IsType<Table>(digest.Blocks[2]).Rows.Count);
    }

    [Fact]
    public async Task The_team_status_shows_a_rep_away_as_away_not_missing()
    {
        await _bot.SayAsync("off today", "ny");
        await _bot.SayAsync("off tomorrow", "la");
        _bot.Clock.AdvanceDays(1);

        var status = (await _bot.SayAsync("status", "manager-1")).Replies[0];

        // Monday's numbers: one rep was away that day, one is away the day they would report them.
        Assert.Equal("Test Sales: 0 of 1 checked in for Mon 23 Nov. Not yet: Riley Rep. Away: Riley Rep, Riley Rep.", status.Text);
    }

    private sealed class ReadRecordingMembers(IMemberStore inner, List<string> reads) : IMemberStore
    {
        public Task<Stored<Member>?> GetAsync(string teamId, string memberId, CancellationToken cancellationToken = default)
        {
            lock (reads)
            {
                reads.Add(memberId);
            }

            return inner.GetAsync(teamId, memberId, cancellationToken);
        }

        public Task<Stored<Member>?> FindByChannelAccountAsync(ChannelAccount account, CancellationToken cancellationToken = default) =>
            inner.FindByChannelAccountAsync(account, cancellationToken);

        public Task<IReadOnlyList<Member>> ListTeamAsync(string teamId, CancellationToken cancellationToken = default) =>
            inner.ListTeamAsync(teamId, cancellationToken);
    }
}
