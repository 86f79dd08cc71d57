using SalesBot.Conversations.Flows;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Testing;

namespace SalesBot.Conversations.Tests;

public class CheckInFlowTests : IAsyncLifetime
{
    private TestBot _bot = null!;

    public async Task InitializeAsync() =>
        _bot = await (await TestBot.StartAsync()).WithMembersAsync(MemberBuilder.ARep(), MemberBuilder.AManager());

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private static Dictionary<string, string> Numbers(string calls, string meetings, string proposals, string plan = "", string blockers = "") => new()
    {
        ["calls"] = calls,
        ["meetings"] = meetings,
        ["proposals"] = proposals,
        [CheckInMessages.PlanInput] = plan,
        [CheckInMessages.BlockersInput] = blockers,
        [CheckInMessages.ReportDateField] = "2026-11-20",
    };

    [Fact]
    public async Task Check_in_opens_a_form_with_one_number_per_metric_for_the_previous_workday()
    {
        var result = await _bot.SayAsync("check in");

        var form = Assert.Single(result.Replies).Form!;
        Assert.Equal(CheckInFlow.SubmitVerb, form.Verb);
        Assert.Equal(["calls", "meetings", "proposals"], form.Inputs.OfType<NumberInput>().Select(i => i.Id));
        Assert.Contains(form.Inputs, i => i.Id == CheckInMessages.PlanInput);
        Assert.Contains(form.Inputs, i => i.Id == CheckInMessages.BlockersInput);
        Assert.Equal("2026-11-20", form.Data![CheckInMessages.ReportDateField]);
        Assert.Contains("Fri 20 Nov", result.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submitting_the_form_saves_and_replies_against_targets()
    {
        var result = await _bot.SubmitAsync(CheckInFlow.SubmitVerb, Numbers("32", "2", "1", "Call Acme\nDemo for Globex", "Waiting on legal"));

        var text = result.AllText();
        Assert.Contains("Check-in saved for Fri 20 Nov", text, StringComparison.Ordinal);
        Assert.Contains("32 / 30 ✅", text, StringComparison.Ordinal);
        Assert.Contains("2 / 3 (1 to go)", text, StringComparison.Ordinal);
        Assert.Contains("Call Acme", text, StringComparison.Ordinal);
        Assert.NotNull(result.ReplacesSubmittedForm);

        var stored = (await _bot.Get<ICheckInStore>().GetAsync("rep-1", TestData.Friday))?.Value;
        Assert.Equal(32, stored!.Values["calls"]);
        Assert.Equal(["Call Acme", "Demo for Globex"], stored.Plan);
        Assert.Equal("Waiting on legal", stored.Blockers);
    }

    [Fact]
    public async Task Submitting_a_checkin_twice_keeps_one_and_says_it_was_updated()
    {
        await _bot.SubmitAsync(CheckInFlow.SubmitVerb, Numbers("10", "1", "0"));

        var second = await _bot.SubmitAsync(CheckInFlow.SubmitVerb, Numbers("12", "1", "0"));

        Assert.Contains("Check-in updated", second.AllText(), StringComparison.Ordinal);
        Assert.Contains("replaced your earlier numbers", second.AllText(), StringComparison.Ordinal);
        var days = await _bot.Get<ICheckInStore>().ListForMemberAsync("rep-1", TestData.Friday.PlusDays(-7), TestData.Friday);
        Assert.Equal(12, Assert.Single(days).Values["calls"]);
    }

    [Fact]
    public async Task The_one_line_path_saves_the_same_check_in()
    {
        var result = await _bot.SayAsync("calls 32, meetings 4, proposals 1");

        Assert.Contains("Check-in saved", result.AllText(), StringComparison.Ordinal);
        Assert.Equal(4, (await _bot.Get<ICheckInStore>().GetAsync("rep-1", TestData.Friday))!.Value.Values["meetings"]);
    }

    [Theory]
    [InlineData("-5", "can't be negative")]
    [InlineData("99999", "looks like a typo")]
    [InlineData("1.5", "whole number")]
    public async Task A_rejected_check_in_gets_a_clear_reply_and_writes_nothing(string calls, string reason)
    {
        var result = await _bot.SubmitAsync(CheckInFlow.SubmitVerb, Numbers(calls, "1", "1"));

        Assert.Contains(reason, result.AllText(), StringComparison.Ordinal);
        Assert.Contains("Nothing was saved", result.AllText(), StringComparison.Ordinal);
        Assert.Contains("calls", result.FieldErrors.Keys);
        Assert.Null(await _bot.Get<ICheckInStore>().GetAsync("rep-1", TestData.Friday));
        // The form comes back with what was typed and the problem beside the input.
        var form = result.Replies[^1].Form!;
        Assert.NotNull(form.Inputs.Single(i => i.Id == "calls").Error);
        Assert.Equal(1, form.Inputs.OfType<NumberInput>().Single(i => i.Id == "meetings").Value);
    }

    [Fact]
    public async Task An_empty_submission_is_answered_and_nothing_is_written()
    {
        var result = await _bot.SubmitAsync(CheckInFlow.SubmitVerb, Numbers("", "", ""));

        Assert.Contains("didn't get any numbers", result.AllText(), StringComparison.Ordinal);
        Assert.Null(await _bot.Get<ICheckInStore>().GetAsync("rep-1", TestData.Friday));
    }

    [Fact]
    public async Task The_same_event_delivered_twice_is_handled_once()
    {
        var first = await _bot.SayAsync("calls 30, meetings 3, proposals 1", eventId: "same");
        var again = await _bot.SayAsync("calls 30, meetings 3, proposals 1", eventId: "same");

        Assert.NotEmpty(first.Replies);
        Assert.Empty(again.Replies);
    }

    [Fact]
    public async Task A_rejected_submit_does_not_use_up_its_event_so_the_same_event_corrected_is_saved()
    {
        var rejected = await _bot.SubmitAsync(CheckInFlow.SubmitVerb, Numbers("-1", "1", "1"), eventId: "view-1");
        var rejectedAgain = await _bot.SubmitAsync(CheckInFlow.SubmitVerb, Numbers("-1", "1", "1"), eventId: "view-1");
        var saved = await _bot.SubmitAsync(CheckInFlow.SubmitVerb, Numbers("12", "1", "1"), eventId: "view-1");
        var duplicate = await _bot.SubmitAsync(CheckInFlow.SubmitVerb, Numbers("12", "1", "1"), eventId: "view-1");

        Assert.NotEmpty(rejected.FieldErrors);
        Assert.NotEmpty(rejectedAgain.FieldErrors);
        Assert.Contains("Check-in saved", saved.AllText(), StringComparison.Ordinal);
        Assert.Empty(duplicate.Replies);
    }

    [Fact]
    public async Task A_typed_correction_keeps_the_plan_and_blockers_it_did_not_mention_and_says_what_changed()
    {
        await _bot.SubmitAsync(CheckInFlow.SubmitVerb, Numbers("33", "1", "0", "Call Acme", "Waiting on legal for the MSA"));

        var corrected = await _bot.SayAsync("calls 14, meetings 1, proposals 0");

        var stored = (await _bot.Get<ICheckInStore>().GetAsync("rep-1", TestData.Friday))!.Value;
        Assert.Equal(14, stored.Values["calls"]);
        Assert.Equal(["Call Acme"], stored.Plan);
        Assert.Equal("Waiting on legal for the MSA", stored.Blockers);
        Assert.Contains("What changed: Calls 33 → 14.", corrected.AllText(), StringComparison.Ordinal);
        Assert.Contains("Your plan and blockers stay as they were.", corrected.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_typed_correction_that_names_new_blockers_replaces_only_the_blockers()
    {
        await _bot.SubmitAsync(CheckInFlow.SubmitVerb, Numbers("30", "1", "0", "Call Acme", "Waiting on legal"));

        var corrected = await _bot.SayAsync("calls 30, meetings 1, proposals 0 blockers: pricing sign-off");

        var stored = (await _bot.Get<ICheckInStore>().GetAsync("rep-1", TestData.Friday))!.Value;
        Assert.Equal(["Call Acme"], stored.Plan);
        Assert.Equal("pricing sign-off", stored.Blockers);
        Assert.Contains("What changed: blockers.", corrected.AllText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1900-01-01")]
    [InlineData("2026-11-17")]
    public async Task A_form_sent_back_with_an_old_report_date_is_refused_and_stores_nothing(string date)
    {
        var values = Numbers("30", "3", "1");
        values[CheckInMessages.ReportDateField] = date;

        var result = await _bot.SubmitAsync(CheckInFlow.SubmitVerb, values);

        Assert.Contains("too far back to change now, so I saved nothing", result.AllText(), StringComparison.Ordinal);
        Assert.Equal("2026-11-20", result.Replies[^1].Form!.Data![CheckInMessages.ReportDateField]);
        var stored = await _bot.Get<ICheckInStore>().ListForMemberAsync("rep-1", new NodaTime.LocalDate(1900, 1, 1), TestData.Friday);
        Assert.Empty(stored);
    }

    [Fact]
    public async Task A_form_answered_the_next_working_day_still_reports_on_the_day_it_was_made_for()
    {
        var values = Numbers("30", "3", "1");
        values[CheckInMessages.ReportDateField] = "2026-11-19";

        var result = await _bot.SubmitAsync(CheckInFlow.SubmitVerb, values);

        Assert.Contains("Check-in saved for Thu 19 Nov", result.AllText(), StringComparison.Ordinal);
        Assert.NotNull(await _bot.Get<ICheckInStore>().GetAsync("rep-1", TestData.Friday.PlusDays(-1)));
    }

    [Fact]
    public async Task A_target_hit_post_waits_for_the_numbers_to_settle_and_shows_the_corrected_ones()
    {
        await _bot.RememberConversationAsync(RecipientKind.Team, TestData.TeamId, "channel-1");
        await _bot.SubmitAsync(CheckInFlow.SubmitVerb, Numbers("33", "3", "1"));
        await _bot.DispatchOutboxAsync();
        Assert.Empty(_bot.Messenger.Sent); // not yet: a correction may follow

        await _bot.SayAsync("calls 32, meetings 3, proposals 1");
        _bot.Clock.Advance(DetectedWins.SettleTime);
        await _bot.DispatchOutboxAsync();

        var post = Assert.Single(_bot.Messenger.Sent, s => s.Message.AllText().Contains("Every target hit", StringComparison.Ordinal)).Message.AllText();
        Assert.Contains("32 calls, 3 meetings, 1 proposal.", post, StringComparison.Ordinal);
        Assert.DoesNotContain("33", post, StringComparison.Ordinal);
        Assert.Equal(OutboxStatus.Sent, (await _bot.Get<IOutbox>().GetAsync("win:detected:rep-1:2026-11-20:target"))!.Status);
    }

    [Fact]
    public async Task A_correction_that_misses_a_target_withdraws_the_target_hit_post_before_it_goes_out()
    {
        await _bot.RememberConversationAsync(RecipientKind.Team, TestData.TeamId, "channel-1");
        await _bot.SubmitAsync(CheckInFlow.SubmitVerb, Numbers("30", "3", "1"));

        await _bot.SayAsync("calls 20, meetings 3, proposals 1");
        _bot.Clock.Advance(DetectedWins.SettleTime);
        await _bot.DispatchOutboxAsync();

        Assert.DoesNotContain(_bot.Messenger.Sent, s => s.Message.AllText().Contains("Every target hit", StringComparison.Ordinal));
        Assert.Equal(OutboxStatus.Withdrawn, (await _bot.Get<IOutbox>().GetAsync("win:detected:rep-1:2026-11-20:target"))!.Status);
    }

    [Theory]
    [InlineData("win:detected:29:1abc-def:2026-11-20:target", "29:1abc-def")]
    [InlineData("win:detected:rep-1:2026-11-20:best:calls", "rep-1")]
    [InlineData("win:detected:U123:2026-11-20:streak", "U123")]
    public void A_detected_win_post_key_reads_back_its_member_even_when_the_id_holds_colons(string key, string member)
    {
        var parsed = DetectedWins.ParsePostKey(key);

        Assert.Equal((member, new NodaTime.LocalDate(2026, 11, 20)), parsed);
        Assert.Null(DetectedWins.ParsePostKey("win:logged-1"));
    }

    [Fact]
    public async Task Hitting_every_target_is_posted_to_the_team_channel_once_even_when_edited()
    {
        await _bot.SubmitAsync(CheckInFlow.SubmitVerb, Numbers("30", "3", "1"));
        await _bot.SubmitAsync(CheckInFlow.SubmitVerb, Numbers("31", "3", "1"));

        var post = await _bot.Get<IOutbox>().GetAsync("win:detected:rep-1:2026-11-20:target");
        Assert.NotNull(post);
        Assert.Equal(RecipientKind.Team, post.RecipientKind);
        Assert.Contains("Hit every lead-metric target", post.Message.AllText(), StringComparison.Ordinal);
        Assert.Contains("1 proposal.", post.Message.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_streak_and_a_personal_best_are_called_out()
    {
        await _bot.CommitAsync(changes =>
        {
            foreach (var day in Enumerable.Range(16, 4))
            {
                changes.PutCheckIn(CheckInBuilder.ACheckIn().On(new NodaTime.LocalDate(2026, 11, day)).With("meetings", 3).Build(), Expect.Absent);
            }
        });

        var result = await _bot.SubmitAsync(CheckInFlow.SubmitVerb, Numbers("30", "6", "1"));

        Assert.Contains("5 working days in a row", result.AllText(), StringComparison.Ordinal);
        Assert.Contains("Personal best: 6 meetings", result.AllText(), StringComparison.Ordinal);
        Assert.NotNull(await _bot.Get<IOutbox>().GetAsync("win:detected:rep-1:2026-11-20:streak"));
    }
}
