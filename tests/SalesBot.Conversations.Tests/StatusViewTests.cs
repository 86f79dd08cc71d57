using NodaTime;
using SalesBot.Conversations.Flows;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;
using SalesBot.Testing;

namespace SalesBot.Conversations.Tests;

/// <summary>
/// The manager's status forms over a seeded week (Mon 16 – Fri 20 Nov 2026; "now" is Monday 23 Nov,
/// so the report day is Friday): Ava checks in Monday to Thursday and corrects Thursday; Ben checks in
/// Monday and Tuesday and is away Wednesday and Thursday. The week before (9 – 13 Nov) Ava made
/// 10 calls a day: her four-week average to compare with.
/// </summary>
public sealed class StatusViewTests : IAsyncLifetime
{
    private static readonly LocalDate Monday = new(2026, 11, 16);
    private TestBot _bot = null!;

    public async Task InitializeAsync() => _bot = await SeededAsync(TestData.MondayMorningInNewYork);

    internal static async Task<TestBot> SeededAsync(Instant now)
    {
        var bot = await (await TestBot.StartAsync(now)).WithMembersAsync(
            MemberBuilder.ARep("rep-1").WithName("Ava Patel").ReportingTo("manager-1"),
            MemberBuilder.ARep("rep-2").WithName("Ben Okafor").ReportingTo("manager-1").AwayFrom(Monday.PlusDays(2), Monday.PlusDays(3)),
            MemberBuilder.AManager(),
            MemberBuilder.ALeader(),
            MemberBuilder.AManager("manager-2").WithName("Other Manager").InTeam("team-2"),
            MemberBuilder.ARep("rep-9").WithName("Zed Elsewhere").InTeam("team-2").ReportingTo("manager-2"));
        await bot.CommitAsync(c => c.PutMember(MemberBuilder.AManager().Build() with { ManagerId = "leader-1" }, Expect.Any)
            .PutTeam(TestData.Team with { Id = "team-2", Name = "East Sales" }, Expect.Absent));
        await bot.CommitAsync(c =>
        {
            for (var i = 0; i < 4; i++)
            {
                c.PutCheckIn(CheckInBuilder.ACheckIn().For("rep-1").On(Monday.PlusDays(i)).With("calls", 31 + i), Expect.Absent);
            }

            for (var i = 0; i < 5; i++)
            {
                c.PutCheckIn(CheckInBuilder.ACheckIn().For("rep-1").On(Monday.PlusDays(i - 7)).With("calls", 10), Expect.Absent);
            }

            c.PutCheckIn(CheckInBuilder.ACheckIn().For("rep-2").On(Monday).With("calls", 10), Expect.Absent);
            c.PutCheckIn(CheckInBuilder.ACheckIn().For("rep-2").On(Monday.PlusDays(1)).With("calls", 12).WithBlockers("waiting on legal"), Expect.Absent);
        });
        // Ava corrects Thursday: 40 calls instead of 34.
        await bot.CommitAsync(c => c.PutCheckIn(CheckInBuilder.ACheckIn().For("rep-1").On(Monday.PlusDays(3)).With("calls", 40), Expect.Any));
        return bot;
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task The_week_view_counts_check_ins_against_expected_days_excusing_time_away_and_uses_the_corrected_numbers()
    {
        var text = (await _bot.SayAsync("status week", "manager-1")).AllText();

        Assert.Contains("week of Mon 16 Nov", text, StringComparison.Ordinal);
        Assert.Contains("6 of 8 expected check-ins", text, StringComparison.Ordinal);
        // Ava: 31 + 32 + 33 + 40 = 136 calls against 5 days × 30.
        Assert.Contains("Calls 136/150", text, StringComparison.Ordinal);
        Assert.Contains("4/5", text, StringComparison.Ordinal);
        // Ben: away Wednesday and Thursday. Tuesday's check-in would have been asked on Wednesday, so it
        // was excused, but he made it anyway: it counts as expected and made. Friday he still owes.
        Assert.Contains("2/3 (2 away)", text, StringComparison.Ordinal);
        Assert.Contains("Calls 22/90", text, StringComparison.Ordinal);
        Assert.Contains("Ben Okafor (open 3 days): waiting on legal", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Zed", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_weekly_digest_comes_at_its_time_with_who_improved_and_who_needs_a_conversation()
    {
        // Sunday night in New York; this team's digest is due Monday 08:00.
        await using var bot = await SeededAsync(Instant.FromUtc(2026, 11, 23, 4, 0));
        await bot.CommitAsync(c => c.PutTeam(TestData.Team with
        {
            Schedule = Core.Schedules.Schedule.Default with { DigestDay = IsoDayOfWeek.Monday, DigestAt = new LocalTime(8, 0) },
        }, Expect.Any));
        await bot.RememberConversationAsync(RecipientKind.Member, "manager-1", "manager-dm");
        await bot.InScopeAsync<Scheduling.ScheduledPrompts, Scheduling.ScheduleRun>(p => p.RunDueAsync());
        await bot.DispatchOutboxAsync();
        Assert.DoesNotContain(bot.Messenger.Sent, s => s.To.OwnerId == "manager-1");

        bot.Clock.AdvanceHours(9); // 08:00 in New York
        await bot.InScopeAsync<Scheduling.ScheduledPrompts, Scheduling.ScheduleRun>(p => p.RunDueAsync());
        await bot.DispatchOutboxAsync();

        var digest = Assert.Single(bot.Messenger.Sent, s => s.To.OwnerId == "manager-1").Message;
        var text = string.Join("\n", digest.Blocks.Select(b => b switch
        {
            Heading h => h.Text,
            Paragraph p => p.Text,
            BulletList l => string.Join("\n", l.Items),
            Table t => string.Join("\n", t.Rows.Select(r => string.Join(" | ", r))),
            _ => string.Empty,
        }));
        Assert.Contains("Weekly digest · Test Sales · week of Mon 16 Nov", text, StringComparison.Ordinal);
        Assert.Contains("6 of 8 expected check-ins", text, StringComparison.Ordinal);
        // Ava: (31+32+33+40 + 4 × 4) / 5 expected days = 30.4 a day, against (10+4) × 5 / 20 = 3.5 before.
        Assert.Contains("Ava Patel: lead activity up 769% on their 4-week average", text, StringComparison.Ordinal);
        // Ben's blocker, first reported for Tue 17 Nov, is five days old by Sunday.
        Assert.Contains("Who needs a conversation:", text, StringComparison.Ordinal);
        Assert.Contains("Ben Okafor: blocker open 5 days: waiting on legal. Ask:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Zed", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_streak_is_shown_as_it_stands_and_at_risk_when_the_report_day_is_missing()
    {
        var text = (await _bot.SayAsync("status", "manager-1")).AllText();

        Assert.Contains("9 (at risk)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manager_drills_into_a_rep_by_a_misspelt_name_and_by_the_button()
    {
        var typed = (await _bot.SayAsync("status Ava Patle", "manager-1")).AllText();
        var week = await _bot.SayAsync("status week", "manager-1");
        var button = Assert.Single(week.Replies).Actions.Single(a => a.Title == "Ava Patel");
        var pressed = (await _bot.SubmitAsync(button.Verb, button.Data!, "manager-1")).AllText();

        Assert.Contains("Ava Patel · November 2026", typed, StringComparison.Ordinal);
        Assert.Contains("9 of 15 check-ins", typed, StringComparison.Ordinal);
        Assert.Equal(typed, pressed);
    }

    [Theory]
    [InlineData("rep-2", "status @ava")]
    [InlineData("rep-2", "status @nobody")]
    [InlineData("manager-2", "status Ava")]
    [InlineData("manager-2", "status nobody")]
    public async Task Anyone_outside_the_chain_gets_a_refusal_that_reveals_nothing(string who, string command)
    {
        var reply = Assert.Single((await _bot.SayAsync(command, who)).Replies);

        Assert.StartsWith("I can't show numbers for", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Patel", reply.Text, StringComparison.Ordinal);
        Assert.Empty(reply.Blocks);
    }

    [Fact]
    public async Task A_rep_id_sent_back_by_a_client_is_checked_against_the_sender()
    {
        var reply = Assert.Single((await _bot.SubmitAsync(StatusFlow.Verb, new Dictionary<string, string> { ["form"] = "rep", ["member"] = "rep-1" }, "manager-2")).Replies);

        Assert.StartsWith("I can't show numbers for \"that person\"", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_leader_above_the_manager_sees_the_reps_and_another_teams_manager_does_not()
    {
        var leader = (await _bot.SayAsync("status ben", "leader-1")).AllText();
        var other = (await _bot.SayAsync("status week", "manager-2")).AllText();

        Assert.Contains("Ben Okafor · November 2026", leader, StringComparison.Ordinal);
        Assert.DoesNotContain("Ava", other, StringComparison.Ordinal);
        Assert.DoesNotContain("Ben", other, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status yesterday please!")]
    [InlineData("status 2026-11-01")]
    public async Task Arguments_that_are_not_understood_get_the_list_of_forms(string command)
    {
        var reply = Assert.Single((await _bot.SayAsync(command, "manager-1")).Replies);

        Assert.Contains("status week", reply.Text, StringComparison.Ordinal);
        Assert.Contains("status @name", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_in_the_team_channel_answers_in_the_1to1_chat_and_leaves_only_a_note()
    {
        await _bot.RememberConversationAsync(RecipientKind.Member, "manager-1", "manager-dm");
        var inChannel = _bot.Inbound("manager-1") with { Text = "status", Scope = ConversationScope.Channel, ConversationId = "team-channel" };

        var result = await _bot.HandleAsync(inChannel);
        await _bot.DispatchOutboxAsync();

        var note = Assert.Single(result.Replies);
        Assert.Contains("answered you in our 1:1 chat", note.Text, StringComparison.Ordinal);
        Assert.Empty(note.Blocks);
        var (to, message) = Assert.Single(_bot.Messenger.Sent);
        Assert.Equal("manager-dm", to.ConversationId);
        Assert.Contains("Ava Patel", message.Blocks.OfType<Table>().Single().Rows.SelectMany(r => r), StringComparer.Ordinal);
    }

    [Theory]
    [InlineData("check in")]
    [InlineData("hello")]
    [InlineData("status")]
    [InlineData("calls 32, meetings 4, proposals 1 blockers: my secret")]
    public async Task Nothing_personal_is_shown_in_a_shared_conversation(string text)
    {
        var inChannel = _bot.Inbound("rep-1") with { Text = text, Scope = ConversationScope.Channel, ConversationId = "team-channel" };

        var reply = Assert.Single((await _bot.HandleAsync(inChannel)).Replies);

        Assert.Null(reply.Form);
        Assert.Empty(reply.Blocks);
        Assert.Contains("1:1 chat", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_form_submitted_in_a_channel_points_to_the_1to1_chat_and_saves_nothing()
    {
        await _bot.RememberConversationAsync(RecipientKind.Member, "rep-1", "ava-dm");
        var submit = _bot.Inbound("rep-1") with
        {
            Kind = InboundEventKind.Submission,
            Submission = new FormSubmission(CheckInFlow.SubmitVerb, new Dictionary<string, string> { ["calls"] = "lots" }),
            Scope = ConversationScope.Channel,
            ConversationId = "team-channel",
        };

        var result = await _bot.HandleAsync(submit);
        await _bot.DispatchOutboxAsync();

        Assert.Contains("that form belongs in our 1:1 chat", Assert.Single(result.Replies).Text, StringComparison.Ordinal);
        Assert.NotEmpty(result.FieldErrors);
        Assert.Empty(_bot.Messenger.Sent);
    }

    [Theory]
    [InlineData("check in")]
    [InlineData("reflect")]
    public async Task A_manager_without_lead_metrics_is_not_given_a_check_in_or_reflection(string text)
    {
        var reply = Assert.Single((await _bot.SayAsync(text, "manager-1")).Replies);

        Assert.Null(reply.Form);
        Assert.Contains("you don't carry any", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_team_gets_a_how_to_instead_of_everyone_is_in()
    {
        var text = (await _bot.SayAsync("status", "manager-2")).AllText();
        await using var empty = await (await TestBot.StartAsync()).WithMembersAsync(MemberBuilder.AManager());
        var none = (await empty.SayAsync("status", "manager-1")).AllText();

        Assert.DoesNotContain("Everyone's in", none, StringComparison.Ordinal);
        Assert.Contains("Invite your reps", none, StringComparison.Ordinal);
        Assert.DoesNotContain("Everyone's in", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_month_view_is_read_from_the_rollups_number_by_number_with_away_days_a_correction_and_wins()
    {
        var win = new Core.Wins.Win { Id = "w-acme", MemberId = "rep-1", TeamId = TestData.TeamId, Kind = Core.Wins.WinKind.DealClosed, Text = "Closed Acme", At = Instant.FromUtc(2026, 11, 17, 18, 0) };
        await _bot.CommitAsync(c => c.AddWin(win));
        await _bot.CommitAsync(c => c.AddWin(win)); // a replayed turn adds nothing
        // The views read only the rollups: with the check-ins themselves gone, every number is still there.
        await using (var connection = await _bot.Get<Storage.Sqlite.SqliteDatabase>().OpenAsync())
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = "DELETE FROM checkins; DELETE FROM wins;";
            await cmd.ExecuteNonQueryAsync();
        }

        var text = (await _bot.SayAsync("status month", "manager-1")).AllText();

        Assert.Contains("Test Sales · November 2026", text, StringComparison.Ordinal);
        // 15 working days, 2–20 Nov. Ava: 9 made of 15. Ben: 2 made; 18 and 19 away; 17 excused (asked on
        // the 18th) but made, so 15 − 3 + 1 = 13 expected.
        Assert.Contains("11 of 28 expected check-ins, 1 win, 1 deal won.", text, StringComparison.Ordinal);
        // Ava: 5 × 10 + 31 + 32 + 33 + 40 (Thursday corrected from 34) = 186 calls, against 15 × 30.
        Assert.Contains("Ava Patel\n9/15\nCalls 186/450", text, StringComparison.Ordinal);
        // Ben: 10 + 12 = 22 calls against 13 × 30.
        Assert.Contains("Ben Okafor\n2/13 (2 away)\nCalls 22/390", text, StringComparison.Ordinal);
        Assert.Contains("Ben Okafor (open 3 days): waiting on legal", text, StringComparison.Ordinal);

        var ava = (await _bot.SayAsync("status ava", "manager-1")).AllText();
        Assert.Contains("Ava Patel: 9 of 15 check-ins, streak 9 (at risk), 1 win, 1 deal won.", ava, StringComparison.Ordinal);
        Assert.Contains("Thu 19 Nov\n40 ✅", ava, StringComparison.Ordinal);
        Assert.Contains("Closed Acme", ava, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_leader_sees_another_team_whose_manager_reports_to_them_and_everyone_else_gets_one_refusal()
    {
        // East Sales' manager reports to the leader; a third team's does not.
        await _bot.CommitAsync(c => c
            .PutMember(MemberBuilder.AManager("manager-2").WithName("Other Manager").InTeam("team-2").ReportingTo("leader-1").Build(), Expect.Any)
            .PutTeam(TestData.Team with { Id = "team-3", Name = "West Sales" }, Expect.Absent)
            .PutMember(MemberBuilder.AManager("manager-3").WithName("West Manager").InTeam("team-3").Build(), Expect.Absent)
            .PutMember(MemberBuilder.ARep("rep-3").WithName("Wes Tern").InTeam("team-3").ReportingTo("manager-3").Build(), Expect.Absent));

        var east = (await _bot.SayAsync("status team east sales", "leader-1")).AllText();
        var list = (await _bot.SayAsync("status team", "leader-1")).AllText();

        Assert.Contains("East Sales · check-ins for Fri 20 Nov", east, StringComparison.Ordinal);
        Assert.Contains("Zed Elsewhere", east, StringComparison.Ordinal);
        Assert.DoesNotContain("Ava", east, StringComparison.Ordinal);
        Assert.Equal("Teams you lead: East Sales (1 rep), Test Sales (2 reps). Say \"status team <name>\" for one.", list);
        // The same words for a team that exists but is not theirs, one that does not exist, and a manager asking.
        Assert.Equal(LeaderTeams.Refusal("West Sales"), (await _bot.SayAsync("status team West Sales", "leader-1")).AllText());
        Assert.Equal(LeaderTeams.Refusal("Nowhere"), (await _bot.SayAsync("status team Nowhere", "leader-1")).AllText());
        Assert.Equal(LeaderTeams.Refusal("East Sales"), (await _bot.SayAsync("status team East Sales", "manager-1")).AllText());
        Assert.DoesNotContain("Zed", (await _bot.SayAsync("status team East Sales", "rep-1")).AllText(), StringComparison.Ordinal);
    }
}
