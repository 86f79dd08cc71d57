using NodaTime;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Wins;
using SalesBot.Testing;

namespace SalesBot.Storage.Conformance;

/// <summary>Fair recognition's settings and the post's subject, on every store.</summary>
public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task A_teams_daily_post_cap_and_round_up_time_round_trip()
    {
        var team = TestData.Team with { Recognition = new RecognitionSettings { DailyPostCap = 3, RoundUpAt = new LocalTime(16, 45) } };

        await Stores.CommitAsync(c => c.PutTeam(team, Expect.Absent));
        var loaded = (await Stores.Organizations.GetTeamAsync(TestData.TeamId))!.Value;

        Assert.Equal(3, loaded.Recognition.DailyPostCap);
        Assert.Equal(new LocalTime(16, 45), loaded.Recognition.RoundUpAt);
        Assert.Equal(team, loaded);
    }

    [Fact]
    public async Task A_team_saved_without_recognition_settings_reads_back_the_defaults()
    {
        await Stores.CommitAsync(c => c.PutTeam(TestData.Team, Expect.Absent));

        var loaded = (await Stores.Organizations.GetTeamAsync(TestData.TeamId))!.Value;

        Assert.Equal(RecognitionSettings.Default, loaded.Recognition);
    }

    [Fact]
    public async Task A_reps_posts_off_choice_round_trips_and_a_saved_change_turns_it_back_on()
    {
        var rep = MemberBuilder.ARep().Build() with { PostsOff = true };
        await Stores.CommitAsync(c => c.PutMember(rep, Expect.Absent));
        var stored = await Stores.Members.GetAsync(TestData.TeamId, rep.Id);
        Assert.True(stored!.Value.PostsOff);

        await Stores.CommitAsync(c => c.PutMember(stored.Value with { PostsOff = false }, stored.AsExpected, stored.Value));

        Assert.False((await Stores.Members.GetAsync(TestData.TeamId, rep.Id))!.Value.PostsOff);
    }

    [Fact]
    public async Task A_win_post_keeps_the_member_it_is_about()
    {
        await Stores.CommitAsync(c => c.Enqueue(new OutboxMessage
        {
            Key = "win:test:evt-9",
            RecipientKind = RecipientKind.Team,
            RecipientId = TestData.TeamId,
            TeamId = TestData.TeamId,
            AboutMemberId = "29:1abc-def",
            Message = OutboundMessage.Plain("🎉 Ava: moved Acme to proposal"),
            CreatedAt = T0,
            NextAttemptAt = T0,
        }));

        var loaded = await Stores.Outbox.GetAsync("win:test:evt-9");

        Assert.Equal("29:1abc-def", loaded!.AboutMemberId);
        Assert.Equal(TestData.TeamId, loaded.TeamId);
    }
}
