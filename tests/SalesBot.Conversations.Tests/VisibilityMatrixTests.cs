using SalesBot.Conversations.Flows;
using SalesBot.Conversations.Messages;
using SalesBot.Testing;

namespace SalesBot.Conversations.Tests;

/// <summary>
/// Every status form about Ava (rep-1, reporting to Mia, who reports to Lee) asked by every role, in a
/// 1:1 chat and in the team channel, on the seeded week of <see cref="StatusViewTests"/>. Only Ava, her
/// manager and the leader above see her numbers; a refusal is the same whether the person exists or not.
/// </summary>
public sealed class VisibilityMatrixTests : IAsyncLifetime
{
    private TestBot _bot = null!;

    public async Task InitializeAsync() => _bot = await StatusViewTests.SeededAsync(TestData.MondayMorningInNewYork);

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    public static TheoryData<string, string, bool> AvaForms()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var (who, sees) in new[] { ("rep-1", true), ("rep-2", false), ("manager-1", true), ("manager-2", false), ("leader-1", true) })
        {
            foreach (var form in new[] { "status ava", "status @Ava Patel", "status patel", "button" })
            {
                data.Add(who, form, sees);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AvaForms))]
    public async Task Ava_s_numbers_are_shown_to_her_her_manager_and_the_leader_above_and_refused_to_anyone_else(string who, string form, bool sees)
    {
        var result = form == "button"
            ? await _bot.SubmitAsync(StatusFlow.Verb, new Dictionary<string, string> { ["form"] = "rep", ["member"] = "rep-1" }, who)
            : await _bot.SayAsync(form, who);
        var text = result.AllText();

        if (sees)
        {
            Assert.Contains("Ava Patel · November 2026", text, StringComparison.Ordinal);
            Assert.Contains("Calls", text, StringComparison.Ordinal);
        }
        else
        {
            var reply = Assert.Single(result.Replies);
            Assert.StartsWith("I can't show numbers for", reply.Text, StringComparison.Ordinal);
            Assert.Empty(reply.Blocks);
            Assert.DoesNotContain("Calls", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("rep-2")]
    [InlineData("manager-2")]
    public async Task A_refusal_reads_the_same_for_someone_who_exists_and_someone_who_does_not(string who)
    {
        var existing = (await _bot.SayAsync("status ava", who)).AllText();
        var missing = (await _bot.SayAsync("status quentin", who)).AllText();

        Assert.Equal(existing.Replace("ava", "X", StringComparison.Ordinal), missing.Replace("quentin", "X", StringComparison.Ordinal));
    }

    public static TheoryData<string, string> TeamForms()
    {
        var data = new TheoryData<string, string>();
        foreach (var who in new[] { "rep-2", "manager-2" })
        {
            foreach (var form in new[] { "status", "status week", "status month", "status me", "status team", "status team Test Sales" })
            {
                data.Add(who, form);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TeamForms))]
    public async Task No_team_form_shows_ava_to_a_peer_or_another_teams_manager(string who, string form)
    {
        var text = (await _bot.SayAsync(form, who)).AllText();

        Assert.DoesNotContain("Ava", text, StringComparison.Ordinal);
        Assert.DoesNotContain("136", text, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> SharedForms()
    {
        var data = new TheoryData<string, string>();
        foreach (var who in new[] { "rep-1", "rep-2", "manager-1", "manager-2", "leader-1" })
        {
            foreach (var form in new[] { "status", "status week", "status month", "status ava", "status team East Sales", "alerts", "manager ava" })
            {
                data.Add(who, form);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SharedForms))]
    public async Task In_the_team_channel_every_form_from_every_role_leaves_only_a_note(string who, string form)
    {
        var inChannel = _bot.Inbound(who) with { Text = form, Scope = ConversationScope.Channel, ConversationId = "team-channel" };

        var reply = Assert.Single((await _bot.HandleAsync(inChannel)).Replies);

        Assert.Empty(reply.Blocks);
        Assert.Null(reply.Form);
        Assert.Contains("1:1 chat", reply.Text, StringComparison.Ordinal);
        if (who != "rep-1")
        {
            Assert.DoesNotContain("Ava", reply.Text, StringComparison.Ordinal); // Ava herself is greeted by name
        }

        Assert.DoesNotContain("Calls", reply.Text, StringComparison.Ordinal);
    }
}
