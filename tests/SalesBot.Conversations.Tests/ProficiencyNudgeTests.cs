using NodaTime;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Metrics;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Schedules;
using SalesBot.Testing;

namespace SalesBot.Conversations.Tests;

/// <summary>
/// Ava made her 30 calls on each of the 19 working days before Friday 20 Nov (meetings and proposals fell short); her
/// check-in for Friday makes it 20 of 20, and her manager is nudged once, with one-click choices.
/// </summary>
public sealed class ProficiencyNudgeTests : IAsyncLifetime
{
    private static readonly string CallsKey = ProficiencyNudges.Key("rep-1", "calls", 30);
    private TestBot _bot = null!;

    public async Task InitializeAsync()
    {
        _bot = await TestBot.StartWithSmallTeamAsync();
        await _bot.WithMembersAsync(MemberBuilder.ARep("rep-1").WithName("Ava").ReportingTo("manager-1"));
        var calendar = new MemberCalendar(MemberBuilder.ARep().Build(), TestData.Team);
        await _bot.CommitAsync(c =>
        {
            var day = calendar.PreviousWorkingDay(TestData.Friday);
            for (var i = 0; i < 19; i++, day = calendar.PreviousWorkingDay(day))
            {
                c.PutCheckIn(CheckInBuilder.ACheckIn().For("rep-1").On(day).With("calls", 31).With("meetings", 1).With("proposals", 0), Expect.Absent);
            }
        });
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private Task<OutboxMessage?> OutboxAsync(string key) => _bot.Get<IOutbox>().GetAsync(key);

    private async Task<string> AvaAsync() =>
        string.Join(", ", (await _bot.Get<IMemberStore>().GetAsync(TestData.TeamId, "rep-1"))!.Value.Metrics.Select(m => $"{m.Key}:{m.DailyTarget}"));

    [Fact]
    public async Task Meeting_the_target_on_20_of_20_days_nudges_the_manager_once_and_recognises_the_rep()
    {
        await _bot.SayAsync("calls 30, meetings 1, proposals 1", "rep-1");

        var nudge = await OutboxAsync(CallsKey);
        Assert.NotNull(nudge);
        Assert.Equal(RecipientKind.Member, nudge.RecipientKind);
        Assert.Equal("manager-1", nudge.RecipientId);
        Assert.Contains("Ava met the Calls target (30) on 20 of their last 20 working days", nudge.Message.AllText(), StringComparison.Ordinal);
        Assert.Equal(["Add Referrals asked for Ava (in place of Calls)", "Raise the Calls target to 35"], nudge.Message.Actions.Select(a => a.Title));
        var note = await OutboxAsync(CallsKey + ":rep");
        Assert.Equal("rep-1", note!.RecipientId);
        Assert.Contains("You met your Calls target on 20 of your last 20 working days", note.Message.Text, StringComparison.Ordinal);
        // Meetings and proposals fell short: no nudge for them.
        Assert.Null(await OutboxAsync(ProficiencyNudges.Key("rep-1", "meetings", 3)));
        Assert.Null(await OutboxAsync(ProficiencyNudges.Key("rep-1", "proposals", 1)));

        // A correction of the same day, and the next day's check-in, nudge no one again.
        await _bot.SayAsync("calls 33", "rep-1");
        _bot.Clock.AdvanceDays(1);
        await _bot.SayAsync("calls 33, meetings 1, proposals 1", "rep-1");
        var all = await _bot.Get<IOutboxAdmin>().ListRecentAsync(Enum.GetValues<OutboxStatus>(), TestData.TeamId, IOutboxAdmin.MaxList);
        Assert.Single(all, m => m.Value.Key.StartsWith("proficiency:", StringComparison.Ordinal) && m.Value.RecipientId == "manager-1");
    }

    [Fact]
    public async Task One_click_raises_the_target_from_the_next_report_day_after_checking_the_presser_and_the_values()
    {
        await _bot.SayAsync("calls 30, meetings 1, proposals 1", "rep-1");
        var raise = (await OutboxAsync(CallsKey))!.Message.Actions.Single(a => a.Verb == MetricsFlow.RaiseVerb);
        var before = await AvaAsync();

        var byRep = await _bot.SubmitAsync(raise.Verb, raise.Data!, "rep-2");
        var forgedTarget = await _bot.SubmitAsync(raise.Verb, new Dictionary<string, string>(raise.Data!) { ["target"] = "99999" }, "manager-1");
        var forgedMetric = await _bot.SubmitAsync(raise.Verb, new Dictionary<string, string>(raise.Data!) { ["metric"] = "golf" }, "manager-1");
        Assert.Contains("I can't change metrics", byRep.AllText(), StringComparison.Ordinal);
        Assert.Contains("changed nothing", forgedTarget.AllText(), StringComparison.Ordinal);
        Assert.Contains("changed nothing", forgedMetric.AllText(), StringComparison.Ordinal);
        Assert.Equal(before, await AvaAsync());

        var pressed = await _bot.SubmitAsync(raise.Verb, raise.Data!, "manager-1");

        Assert.Contains("Calls 35 a day", pressed.AllText(), StringComparison.Ordinal);
        Assert.Equal("calls:35, meetings:3, proposals:1", await AvaAsync());
        Assert.Contains("is 35 already", (await _bot.SubmitAsync(raise.Verb, raise.Data!, "manager-1")).AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_click_adds_the_next_metric_in_place_of_the_proficient_one()
    {
        await _bot.SayAsync("calls 30, meetings 1, proposals 1", "rep-1");
        var add = (await OutboxAsync(CallsKey))!.Message.Actions.Single(a => a.Verb == MetricsFlow.AddVerb);

        var pressed = await _bot.SubmitAsync(add.Verb, add.Data!, "manager-1");

        Assert.Contains("Referrals asked 2 a day", pressed.AllText(), StringComparison.Ordinal);
        Assert.Equal("meetings:3, proposals:1, referrals:2", await AvaAsync());
        Assert.Contains("already has Referrals asked", (await _bot.SubmitAsync(add.Verb, add.Data!, "manager-1")).AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_check_in_below_target_brings_no_nudge_even_with_19_of_20_days_met()
    {
        await _bot.SayAsync("calls 10, meetings 1, proposals 0", "rep-1");

        Assert.Null(await OutboxAsync(CallsKey));
        Assert.Null(await OutboxAsync(CallsKey + ":rep"));
    }
}
