using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using SalesBot.Channels.Slack.Rendering;
using SalesBot.Channels.Slack.Tests.Infrastructure;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;
using SalesBot.Core.Wins;

namespace SalesBot.Channels.Slack.Tests;

public sealed class WinThroughSlackTests : SlackAppTest
{
    [Fact]
    public async Task A_win_is_posted_to_the_team_channel_with_mentions_and_links_escaped()
    {
        await App.SendAsync(App.Requests.Event(SlackRequests.BotJoinedTeamChannel(), "Ev0JOINED"));
        await App.WhenIdleAsync();

        await App.SendAsync(App.Requests.Command("/win", "booked a demo with <!channel> Acme & <http://x|more>"));
        await App.WhenIdleAsync();
        Assert.Equal(1, await App.DispatchOutboxAsync());

        var posts = Api.CallsTo("chat.postMessage");
        var post = posts[^1];
        Assert.Equal(SlackRequests.TeamChannel, post.Arg("channel"));
        var payload = post.Args.ToJsonString();
        Assert.DoesNotContain("<!channel>", payload, StringComparison.Ordinal);
        Assert.DoesNotContain("<http", payload, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u003C", payload, StringComparison.OrdinalIgnoreCase);
        Golden.Verify("win-post", new JsonObject { ["text"] = post.Args["text"]!.DeepClone(), ["blocks"] = post.Args["blocks"]!.DeepClone() });
    }

    [Fact]
    public async Task The_bot_joining_a_channel_greets_it_and_makes_it_the_teams_win_channel()
    {
        await App.SendAsync(App.Requests.Event(SlackRequests.BotJoinedTeamChannel(), "Ev0JOINED2"));
        await App.WhenIdleAsync();

        var hello = Assert.Single(Api.CallsTo("chat.postMessage"));
        Assert.Equal(SlackRequests.TeamChannel, hello.Arg("channel"));
        Assert.Contains("celebrate your wins here", hello.Arg("text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_else_joining_the_channel_is_not_the_bots_business()
    {
        var joined = SlackRequests.BotJoinedTeamChannel();
        joined["user"] = "U0SOMEONE";

        await App.SendAsync(App.Requests.Event(joined, "Ev0OTHERJOIN"));
        await App.WhenIdleAsync();

        Assert.Empty(Api.Calls);
    }

    [Fact]
    public async Task A_stage_advance_chosen_in_the_modal_is_logged_with_the_teams_stages_and_posted()
    {
        await App.SendAsync(App.Requests.Event(SlackRequests.BotJoinedTeamChannel(), "Ev0JOINED3"));
        await App.WhenIdleAsync();

        await App.SendAsync(App.Requests.Command("/win", ""));
        var modal = Assert.Single(Api.CallsTo("views.open")).Args["view"]!.AsObject();
        var response = await App.SendAsync(App.Requests.Interaction(Selected(App.Requests.Submission(modal,
            new Dictionary<string, string> { ["kind"] = "stage", ["account"] = "Acme <!here>", ["fromStage"] = "Qualified", ["toStage"] = "Proposal" }, viewId: "V0WIN"))));
        await App.WhenIdleAsync();
        Assert.Equal(1, await App.DispatchOutboxAsync());

        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
        Assert.InRange(modal["blocks"]!.AsArray().Count, 1, BlockKitLimits.ViewBlocks);
        Golden.Verify("win-modal", modal);
        var post = Api.CallsTo("chat.postMessage")[^1];
        Assert.Equal(SlackRequests.TeamChannel, post.Arg("channel"));
        Assert.DoesNotContain("<!here>", post.Args.ToJsonString(), StringComparison.Ordinal);
        Golden.Verify("win-post-stage", new JsonObject { ["text"] = post.Args["text"]!.DeepClone(), ["blocks"] = post.Args["blocks"]!.DeepClone() });
        var win = Assert.Single(await WinsAsync());
        Assert.Equal(("Acme <!here>", "Qualified", "Proposal"), (win.Account, win.FromStage, win.ToStage));
    }

    [Theory]
    [InlineData("toStage", "stage", "Acme", "", "Won it all", "")]
    [InlineData("fromStage", "stage", "Acme", "Proposal", "Discovery", "")]
    [InlineData("amount", "deal", "Contoso", "", "", "-12000")]
    [InlineData("amount", "deal", "Contoso", "", "", "99999999999")]
    [InlineData("account", "deal", "", "", "", "100")]
    public async Task A_forged_stage_or_amount_sent_back_from_the_modal_is_refused_under_its_field_and_stores_nothing(
        string field, string kind, string account, string from, string to, string amount)
    {
        await App.SendAsync(App.Requests.Command("/win", ""));
        var modal = Assert.Single(Api.CallsTo("views.open")).Args["view"]!.AsObject();
        var values = new Dictionary<string, string> { ["kind"] = kind, ["account"] = account, ["fromStage"] = from, ["toStage"] = to, ["amount"] = amount }
            .Where(v => v.Value.Length > 0).ToDictionary();

        var response = await App.SendAsync(App.Requests.Interaction(Selected(App.Requests.Submission(modal, values, viewId: "V0FORGE"))));
        await App.WhenIdleAsync();

        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("errors", answer["response_action"]!.ToString());
        Assert.NotNull(answer["errors"]![field]);
        Assert.Empty(await WinsAsync());
        Assert.Equal(0, await App.DispatchOutboxAsync());
    }

    [Fact]
    public async Task A_deal_closed_by_slash_command_counts_its_amount_and_posts_the_months_first_deal()
    {
        await App.SendAsync(App.Requests.Event(SlackRequests.BotJoinedTeamChannel(), "Ev0JOINED4"));
        await App.WhenIdleAsync();

        await App.SendAsync(App.Requests.Command("/win", "closed Contoso $12,000"));
        await App.WhenIdleAsync();
        Assert.Equal(2, await App.DispatchOutboxAsync());

        var deal = Assert.Single(await WinsAsync(), w => w.Kind == WinKind.DealClosed);
        Assert.Equal(12000m, deal.Amount);
        var first = Api.CallsTo("chat.postMessage").Single(p => p.Arg("text")!.StartsWith("🥇", StringComparison.Ordinal));
        Golden.Verify("win-post-first-deal", new JsonObject { ["text"] = first.Args["text"]!.DeepClone(), ["blocks"] = first.Args["blocks"]!.DeepClone() });
    }

    /// <summary>Slack sends a static select's choice as selected_option, not value.</summary>
    private static JsonObject Selected(JsonObject submission)
    {
        foreach (var (_, block) in submission["view"]!["state"]!["values"]!.AsObject())
        {
            var element = block!.AsObject().Single().Value!.AsObject();
            if (element["type"]!.ToString() == "static_select")
            {
                var value = element["value"]?.ToString();
                element.Remove("value");
                element["selected_option"] = value is null ? null : new JsonObject { ["value"] = value, ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = value } };
            }
        }

        return submission;
    }

    private Task<IReadOnlyList<Win>> WinsAsync() => App.InScopeAsync(async sp =>
    {
        var member = await sp.GetRequiredService<IMemberStore>().FindByChannelAccountAsync(new ChannelAccount("slack", SlackRequests.Team, SlackRequests.User));
        return member is null ? [] : await sp.GetRequiredService<IWinStore>().ListForMemberAsync(member.Value.Id, Instant.MinValue, Instant.MaxValue);
    });
}
