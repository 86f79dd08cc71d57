using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SalesBot.Channels.Teams.Tests.Infrastructure;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;

namespace SalesBot.Channels.Teams.Tests;

/// <summary>
/// The "👏 Kudos" button on a win's post in a Teams channel, end to end through the real Host over
/// loopback: the Action.Execute invoke, the card in its answer, and the connector update of the post.
/// </summary>
public sealed class TeamsKudosTests : IAsyncLifetime
{
    private const string BenId = "29:1b-rep-ben";
    private TeamsBot _bot = null!;
    private string _postId = null!;
    private JsonObject _buttonData = null!;

    public async Task InitializeAsync()
    {
        _bot = await TeamsBot.StartHostAsync();
        await _bot.PostAsync(Activities.BotAddedToTeam());
        await _bot.PostAsync(Activities.PersonalMessage("win moved Acme to proposal"));
        _bot.Connector.Clear();
        await _bot.DispatchOutboxAsync();
        var post = Assert.Single(_bot.Connector.Calls);
        var button = post.Card!["actions"]!.AsArray().Single()!;
        Assert.Equal("Action.Execute", (string?)button["type"]);
        Assert.Equal("👏 Kudos", (string?)button["title"]);
        _buttonData = (JsonObject)button["data"]!.DeepClone();
        _postId = await _bot.InScopeAsync(async sp =>
            (await sp.GetRequiredService<SalesBot.Conversations.Outbox.IOutbox>().GetAsync("win:" + (string)_buttonData["win"]!))!.Sent!.MessageId!);
        _bot.Connector.Clear();
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private TeamsActivities Activities => _bot.Activities;

    /// <summary>A press on the post in the channel, as Teams sends it: an invoke whose replyToId is the post.</summary>
    private JsonObject Press(string userId, string userName, string? replyToId = null, JsonObject? data = null, string? tenantId = null)
    {
        var activity = Activities.Base("invoke", TeamsActivities.ChannelConversation + ";messageid=" + _postId, "channel", userId, userName);
        activity["name"] = "adaptiveCard/action";
        activity["replyToId"] = replyToId ?? _postId;
        var payload = data ?? (JsonObject)_buttonData.DeepClone();
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["id"] = "kudos", ["verb"] = "win.kudos", ["data"] = payload },
            ["trigger"] = "manual",
        };
        if (tenantId is not null)
        {
            activity["conversation"]!["tenantId"] = tenantId;
            activity["channelData"]!["tenant"]!["id"] = tenantId;
        }

        return activity;
    }

    private static async Task<JsonNode> InvokeAnswerAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, (int)body["statusCode"]!);
        return body;
    }

    /// <summary>Every string in the card, one a line, as a person would read it (JSON escapes emoji).</summary>
    private static string Readable(JsonNode card) => card switch
    {
        JsonObject o => string.Join("\n", o.Select(p => p.Value is null ? string.Empty : Readable(p.Value))),
        JsonArray a => string.Join("\n", a.Select(i => i is null ? string.Empty : Readable(i))),
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        _ => string.Empty,
    };

    private Task<int> StoredKudosCountAsync() => _bot.InScopeAsync(async sp =>
    {
        var ana = await sp.GetRequiredService<IMemberStore>().FindByChannelAccountAsync(new ChannelAccount("msteams", TeamsActivities.TenantId, TeamsActivities.UserId));
        return (await sp.GetRequiredService<IKudosStore>().GetAsync(ana!.Value.Id, (string)_buttonData["win"]!))?.Value.Count ?? 0;
    });

    [Fact]
    public async Task A_teammates_press_answers_with_the_updated_card_and_updates_the_post_for_everyone()
    {
        var body = await InvokeAnswerAsync(await _bot.PostAsync(Press(BenId, "Ben Rep")));

        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)body["type"]);
        Assert.Contains("👏 1 — Ben Rep", Readable(body["value"]!), StringComparison.Ordinal);
        var update = Assert.Single(_bot.Connector.Calls);
        Assert.Equal("PUT", update.Method);
        Assert.Equal($"v3/conversations/{TeamsActivities.ChannelConversation};messageid={_postId}/activities/{_postId}", update.Path);
        Assert.Equal(_postId, (string?)update.Body!["id"]);
        Assert.Contains("👏 1 — Ben Rep", Readable(update.Card!), StringComparison.Ordinal);
        Assert.Equal("👏 Kudos", (string?)update.Card!["actions"]![0]!["title"]); // the button stays for the others
        Assert.Equal(1, await StoredKudosCountAsync());
    }

    [Fact]
    public async Task A_second_press_by_the_same_teammate_changes_nothing_and_tells_them_alone()
    {
        await _bot.PostAsync(Press(BenId, "Ben Rep"));
        _bot.Connector.Clear();

        var body = await InvokeAnswerAsync(await _bot.PostAsync(Press(BenId, "Ben Rep")));

        Assert.Equal("application/vnd.microsoft.activity.message", (string?)body["type"]);
        Assert.Contains("already given", (string?)body["value"], StringComparison.Ordinal);
        Assert.Empty(_bot.Connector.Calls); // nothing posted in the channel, no update
        Assert.Equal(1, await StoredKudosCountAsync());
    }

    [Fact]
    public async Task The_rep_pressing_kudos_on_their_own_win_is_told_privately()
    {
        var body = await InvokeAnswerAsync(await _bot.PostAsync(Press(TeamsActivities.UserId, "Ana Rep")));

        Assert.Equal("application/vnd.microsoft.activity.message", (string?)body["type"]);
        Assert.Contains("your own win", (string?)body["value"], StringComparison.Ordinal);
        Assert.Empty(_bot.Connector.Calls);
        Assert.Equal(0, await StoredKudosCountAsync());
    }

    [Fact]
    public async Task A_press_naming_another_message_or_an_invented_win_or_from_another_tenant_is_refused()
    {
        var invented = (JsonObject)_buttonData.DeepClone();
        invented["win"] = "msteams:invented";
        var presses = new[]
        {
            Press(BenId, "Ben Rep", replyToId: "act-999"),
            Press(BenId, "Ben Rep", data: invented),
            Press("29:1c-outsider", "Olga Outsider", tenantId: "00000000-0000-4000-8000-0000000000ff"),
        };

        foreach (var press in presses)
        {
            var body = await InvokeAnswerAsync(await _bot.PostAsync(press));
            Assert.Equal("application/vnd.microsoft.activity.message", (string?)body["type"]);
            Assert.Contains("can't find that win", (string?)body["value"], StringComparison.Ordinal);
        }

        Assert.Empty(_bot.Connector.Calls);
        Assert.Equal(0, await StoredKudosCountAsync());
    }
}
