using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using SalesBot.Channels.Teams.Tests.Infrastructure;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;
using SalesBot.Core.Wins;

namespace SalesBot.Channels.Teams.Tests;

/// <summary>The "Log a win" card through the Teams adapter: its choices are the team's stages, and what comes back is checked again.</summary>
public sealed class WinThroughTeamsTests : IAsyncLifetime
{
    private TeamsBot _bot = null!;

    public async Task InitializeAsync() => _bot = await TeamsBot.StartHostAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private TeamsActivities Activities => _bot.Activities;

    private Task<IReadOnlyList<Win>> WinsAsync() => _bot.InScopeAsync(async sp =>
    {
        var member = await sp.GetRequiredService<IMemberStore>().FindByChannelAccountAsync(new ChannelAccount("msteams", TeamsActivities.TenantId, TeamsActivities.UserId));
        return member is null ? [] : await sp.GetRequiredService<IWinStore>().ListForMemberAsync(member.Value.Id, Instant.MinValue, Instant.MaxValue);
    });

    [Fact]
    public async Task The_card_offers_the_teams_stages_and_a_stage_advance_from_it_is_stored_and_the_card_turns_read_only()
    {
        await _bot.PostAsync(Activities.PersonalMessage("win"));
        var card = _bot.Connector.Calls[0].Card!.ToJsonString();
        _bot.Connector.Clear();

        var answer = await _bot.PostAsync(Activities.CardAction("win.submit", new JsonObject
        {
            ["kind"] = "stage", ["account"] = "Acme", ["fromStage"] = "Qualified", ["toStage"] = "Proposal",
        }));

        Assert.Contains("\"title\":\"Negotiation\",\"value\":\"Negotiation\"", card, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var body = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;
        Assert.DoesNotContain("Input.", body["value"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("You moved Acme from Qualified to Proposal.", body["value"]!.ToJsonString(), StringComparison.Ordinal);
        var win = Assert.Single(await WinsAsync());
        Assert.Equal(("Acme", "Qualified", "Proposal"), (win.Account, win.FromStage, win.ToStage));
    }

    [Theory]
    [InlineData("stage", "Acme", "Proposal", "Qualified", "")]
    [InlineData("stage", "Acme", "", "Signed in blood", "")]
    [InlineData("deal", "Contoso", "", "", "-12000")]
    [InlineData("deal", "Contoso", "", "", "1000000000000")]
    [InlineData("meeting", "", "", "", "")]
    public async Task A_forged_or_backward_card_comes_back_with_the_error_and_stores_nothing(string kind, string account, string from, string to, string amount)
    {
        var answer = await _bot.PostAsync(Activities.CardAction("win.submit", new JsonObject
        {
            ["kind"] = kind, ["account"] = account, ["fromStage"] = from, ["toStage"] = to, ["amount"] = amount,
        }));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var body = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)body["type"]);
        Assert.Contains("\"color\":\"Attention\"", body["value"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(await WinsAsync());
        Assert.Equal(0, await _bot.DispatchOutboxAsync());
    }

    [Fact]
    public async Task A_deal_typed_in_teams_posts_the_deal_and_the_months_first_deal_to_the_channel()
    {
        await _bot.PostAsync(Activities.BotAddedToTeam());
        _bot.Connector.Clear();

        await _bot.PostAsync(Activities.PersonalMessage("win closed Contoso $12,000"));
        _bot.Connector.Clear();
        var sent = await _bot.DispatchOutboxAsync();

        Assert.Equal(2, sent);
        var posts = string.Join("\n", _bot.Connector.Calls.Select(c => c.Card!.ToJsonString()));
        Assert.Contains(" closed Contoso", posts, StringComparison.Ordinal);
        Assert.Contains("12,000", posts, StringComparison.Ordinal);
        Assert.Contains("First deal of the month", posts, StringComparison.Ordinal);
        Assert.Equal(12000m, Assert.Single(await WinsAsync(), w => w.Kind == WinKind.DealClosed).Amount);
    }
}
