using SalesBot.Conversations.Ports;
using SalesBot.Testing;

namespace SalesBot.Conversations.Tests;

/// <summary>Setting the reporting line in chat: who may, whom, and the loops and strangers it refuses.</summary>
public sealed class ManagerFlowTests : IAsyncLifetime
{
    private TestBot _bot = null!;

    public async Task InitializeAsync()
    {
        _bot = await (await TestBot.StartAsync()).WithMembersAsync(
            MemberBuilder.ARep("rep-1").WithName("Ava Patel").ReportingTo("manager-1"),
            MemberBuilder.ARep("rep-2").WithName("Ben Okafor"),
            MemberBuilder.AManager().ReportingTo("leader-1"),
            MemberBuilder.AManager("manager-2").WithName("Noor Haddad").ReportingTo("manager-1"),
            MemberBuilder.ALeader(),
            MemberBuilder.AManager("manager-9").WithName("Zoe Elsewhere").InTeam("team-2"),
            MemberBuilder.ARep("rep-9").WithName("Zed Elsewhere").InTeam("team-2").ReportingTo("manager-9"));
        await _bot.CommitAsync(c => c.PutTeam(TestData.Team with { Id = "team-2", Name = "East Sales" }, Expect.Absent));
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task A_leader_moves_a_rep_to_another_manager_who_then_sees_their_numbers_and_the_old_one_does_not()
    {
        Assert.Contains("Ava Patel reports to Mia Manager.", (await _bot.SayAsync("manager ava", "leader-1")).AllText(), StringComparison.Ordinal);

        var reply = (await _bot.SayAsync("manager @Ava is Noor", "leader-1")).AllText();

        Assert.Contains("Done: Ava Patel reports to Noor Haddad now.", reply, StringComparison.Ordinal);
        Assert.Equal("manager-2", (await _bot.Get<IMemberStore>().GetAsync(TestData.TeamId, "rep-1"))!.Value.ManagerId);
        Assert.Contains("Ava Patel", (await _bot.SayAsync("status ava", "manager-2")).AllText(), StringComparison.Ordinal);
        // Mia is above Noor, so she still sees Ava; Ben has no manager set and reports to the team's managers.
        Assert.Contains("Ava Patel", (await _bot.SayAsync("status ava", "manager-1")).AllText(), StringComparison.Ordinal);
        Assert.Contains("I can't show numbers", (await _bot.SayAsync("status ava", "manager-9")).AllText(), StringComparison.Ordinal);

        Assert.Contains("Done: Ava Patel has no manager set now", (await _bot.SayAsync("manager ava is nobody", "leader-1")).AllText(), StringComparison.Ordinal);
        Assert.Null((await _bot.Get<IMemberStore>().GetAsync(TestData.TeamId, "rep-1"))!.Value.ManagerId);
    }

    [Fact]
    public async Task A_loop_a_rep_as_manager_and_oneself_are_refused_and_nothing_changes()
    {
        Assert.Contains("Noor Haddad already reports to Mia Manager, so that would make a loop.",
            (await _bot.SayAsync("manager Mia is Noor", "leader-1")).AllText(), StringComparison.Ordinal);
        Assert.Contains("Ben Okafor is a rep, and reps don't have people reporting to them",
            (await _bot.SayAsync("manager Ava is Ben", "leader-1")).AllText(), StringComparison.Ordinal);
        Assert.Contains("I couldn't find anyone called \"Quentin\" on Test Sales", (await _bot.SayAsync("manager Ava is Quentin", "manager-1")).AllText(), StringComparison.Ordinal);

        Assert.Equal("leader-1", (await _bot.Get<IMemberStore>().GetAsync(TestData.TeamId, "manager-1"))!.Value.ManagerId);
        Assert.Equal("manager-1", (await _bot.Get<IMemberStore>().GetAsync(TestData.TeamId, "rep-1"))!.Value.ManagerId);
    }

    [Theory]
    [InlineData("manager Zed is Mia")]       // exists, on another team
    [InlineData("manager Quentin is Mia")]   // does not exist
    public async Task Someone_outside_the_team_gets_the_same_answer_whether_they_exist_or_not(string command)
    {
        var name = command.Split(' ')[1];

        var reply = (await _bot.SayAsync(command, "manager-1")).AllText();

        Assert.StartsWith($"I couldn't find \"{name}\" among the people you manage on Test Sales.", reply, StringComparison.Ordinal);
        Assert.Equal("manager-9", (await _bot.Get<IMemberStore>().GetAsync("team-2", "rep-9"))!.Value.ManagerId);
    }

    [Fact]
    public async Task A_rep_cannot_set_a_manager()
    {
        var reply = (await _bot.SayAsync("manager Ben is Mia", "rep-1")).AllText();

        Assert.Contains("Only a manager or leader can set who reports to whom", reply, StringComparison.Ordinal);
        Assert.Null((await _bot.Get<IMemberStore>().GetAsync(TestData.TeamId, "rep-2"))!.Value.ManagerId);
    }
}
