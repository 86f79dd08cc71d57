using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CsCheck;
using SalesBot.Channels.Teams.Tests.Infrastructure;
using SalesBot.Testing.Hostile;

namespace SalesBot.Channels.Teams.Tests;

/// <summary>
/// Generated hostile activities with a valid token at <c>/api/messages</c>, in every field of the Bot
/// Framework's sample shapes (message, conversationUpdate, installationUpdate, the adaptiveCard/action
/// invoke, messageReaction, a channel mention): never a 5xx, and a refused one leaves the store as it
/// was and sends nothing. CsCheck prints the seed of a failure.
/// </summary>
public sealed class HostileActivityProperties : IAsyncLifetime
{
    private const int Iterations = 150;
    private TeamsBot _bot = null!;

    public async Task InitializeAsync() => _bot = await TeamsBot.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task Activities_never_answer_5xx_and_a_refused_one_writes_nothing()
    {
        var token = _bot.ValidToken();
        await _bot.PostAsync(_bot.Activities.PersonalInstall()); // a known member, so writes would show
        await HostilePayloads.JsonBodies(Templates()).SampleAsync(body => PostAsync(body, token), iter: Iterations, threads: 1);
    }

    private List<string> Templates()
    {
        var a = _bot.Activities;
        var templates = new List<string>();
        void Poison(JsonObject activity, params string[] path)
        {
            JsonNode node = activity;
            foreach (var step in path[..^1])
            {
                node = node[step]!;
            }

            node[path[^1]] = "HOSTILE";
            templates.Add(activity.ToJsonString());
        }

        Poison(a.PersonalMessage("x"), "text");
        Poison(a.PersonalMessage("help"), "from", "id");
        Poison(a.PersonalMessage("help"), "conversation", "id");
        Poison(a.PersonalMessage("help"), "conversation", "tenantId");
        Poison(a.PersonalMessage("help"), "localTimezone");
        Poison(a.PersonalMessage("help"), "type");
        Poison(a.CardAction("checkin.submit", new JsonObject { ["calls"] = "3", ["meetings"] = "1", ["proposals"] = "1" }), "value", "action", "data", "calls");
        Poison(a.CardAction("checkin.submit", new JsonObject()), "value", "action", "verb");
        Poison(a.CardSubmit("win.submit", new JsonObject { ["win"] = "x" }, "card-9"), "value", "win");
        Poison(a.CardSubmit("win.submit", new JsonObject(), "card-9"), "replyToId");
        Poison(a.PersonalInstall(), "action");
        Poison(a.BotAddedToTeam(), "channelData", "team", "id");
        Poison(a.MembersAddedToTeam("Zoe"), "membersAdded");
        var reaction = a.Base("messageReaction", TeamsActivities.PersonalConversation, "personal");
        reaction["reactionsAdded"] = new JsonArray(new JsonObject { ["type"] = "like" });
        Poison(reaction, "replyToId");
        var mention = a.Base("message", TeamsActivities.ChannelConversation, "channel");
        mention["text"] = "<at>SalesBot</at> status";
        mention["entities"] = new JsonArray(new JsonObject { ["type"] = "mention", ["text"] = "<at>SalesBot</at>", ["mentioned"] = new JsonObject { ["id"] = a.BotId, ["name"] = "SalesBot" } });
        Poison(mention, "channelData", "channel", "id");
        return templates;
    }

    private async Task PostAsync(HostileBody body, string token)
    {
        // Replies wait on Teams' per-conversation limit (8 sends per 2 s), which runs on the fake clocks: move them
        // on, so the property tests input handling and not a limiter whose window never slides.
        _bot.Time.Advance(TimeSpan.FromSeconds(2));
        _bot.Clock.Advance(NodaTime.Duration.FromSeconds(2));
        var before = await SqliteContents.FingerprintAsync(_bot.DatabasePath);
        var calls = _bot.Connector.Calls.Count;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new ByteArrayContent(body.Bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await _bot.Http.SendAsync(request);

        Assert.True((int)response.StatusCode < 500 || (int)response.StatusCode == 501, $"{body}: {(int)response.StatusCode}");
        if ((int)response.StatusCode is >= 400 and < 500)
        {
            Assert.Equal(before, await SqliteContents.FingerprintAsync(_bot.DatabasePath));
            Assert.Equal(calls, _bot.Connector.Calls.Count);
        }
    }
}
