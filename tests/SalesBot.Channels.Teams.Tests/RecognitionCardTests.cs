using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SalesBot.Channels.Teams.Activities;
using SalesBot.Channels.Teams.Cards;
using SalesBot.Channels.Teams.Tests.Infrastructure;
using SalesBot.Conversations.Flows;
using SalesBot.Conversations.Outbox;
using SalesBot.Core.Organization;
using SalesBot.Testing;

namespace SalesBot.Channels.Teams.Tests;

/// <summary>Fair recognition through Teams: the round-up card posted to the channel, and the settings card, as golden files.</summary>
public sealed class RecognitionCardTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Pretty = new(ActivityJson.Options) { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private TeamsBot _bot = null!;

    public async Task InitializeAsync() => _bot = await TeamsBot.StartHostAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task Past_the_cap_a_win_waits_for_the_round_up_card_posted_once_in_the_channel()
    {
        Assert.Equal(HttpStatusCode.OK, (await _bot.PostAsync(_bot.Activities.BotAddedToTeam())).StatusCode);
        await _bot.PostAsync(_bot.Activities.PersonalMessage("posts cap 0"));
        await _bot.PostAsync(_bot.Activities.PersonalMessage("win moved Acme to proposal <at>everyone</at>"));
        _bot.Connector.Clear();

        await _bot.DispatchOutboxAsync();
        Assert.Empty(_bot.Connector.Calls);

        var roundUp = (await _bot.InScopeAsync(sp => sp.GetRequiredService<IOutboxAdmin>().ListRecentAsync([OutboxStatus.Pending], null, 10)))
            .Single(m => m.Value.Key.StartsWith("roundup:", StringComparison.Ordinal));
        _bot.Clock.Reset(roundUp.Value.NextAttemptAt);
        await _bot.DispatchOutboxAsync();
        _bot.Clock.Advance(NodaTime.Duration.FromDays(1));
        await _bot.DispatchOutboxAsync();

        var post = Assert.Single(_bot.Connector.Calls);
        Assert.Equal($"v3/conversations/{TeamsActivities.ChannelConversation}/activities", post.Path);
        Assert.Contains("More wins today", post.Card!.ToJsonString(Pretty), StringComparison.Ordinal);
        Assert.Contains("moved Acme from Discovery to Proposal", post.Card!.ToJsonString(Pretty), StringComparison.Ordinal);
    }

    [Fact]
    public void The_round_up_card_names_ten_wins_and_counts_the_rest_within_the_card_size_limit()
    {
        var lines = Enumerable.Range(1, 12).Select(i => $"Rep {i}: moved Account {i} to proposal").Append("Bo <script>Seller</script>: booked a demo").ToList();

        AssertGolden("win-roundup", ActivityMapper.ToActivity(WinRoundUp.Message(lines), CardActionStyle.Execute));
    }

    [Fact]
    public void The_posts_settings_card_for_a_rep_with_posts_off() =>
        AssertGolden("posts-settings", ActivityMapper.ToActivity(
            PostsFlow.Show(MemberBuilder.ARep().WithName("Ana").Build() with { PostsOff = true }, TestData.Team), CardActionStyle.Execute));

    private static void AssertGolden(string name, object rendered)
    {
        var json = JsonSerializer.Serialize(rendered, Pretty).ReplaceLineEndings("\n") + "\n";
        var path = Path.Combine(SourcePaths.Find("Golden"), name + ".json");
        // Teams refuses a message over about 28 KB.
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(json) < 28 * 1024, $"{name} is {json.Length} characters, over Teams' message size.");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, json);
            return;
        }

        Assert.True(File.Exists(path), $"No golden file {path}; run the tests with UPDATE_GOLDEN=1 to create it.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), json);
    }
}
