using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using SalesBot.Channels.Teams.Tests.Infrastructure;

namespace SalesBot.Channels.Teams.Tests;

/// <summary>Authenticated activities that carry something strange: a 400 with a reason, never a 5xx, and nothing sent.</summary>
public sealed class HostileActivityTests : IAsyncLifetime
{
    private TeamsBot _bot = null!;

    public async Task InitializeAsync() => _bot = await TeamsBot.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    public static TheoryData<string> Oddities =>
    [
        "lone surrogate in a card submit value",
        "lone surrogate in a card submit key",
        "lone surrogate in an invoke verb",
        "duplicate keys",
        "NUL in from.id",
        "zero-width space in conversation.id",
        "bidi override in the tenant id",
        "an id of 5,000 characters",
        "nesting 10,000 deep",
    ];

    [Theory]
    [MemberData(nameof(Oddities))]
    public async Task An_odd_activity_gets_a_400_with_a_reason_and_nothing_is_sent(string odd)
    {
        var body = odd switch
        {
            "lone surrogate in a card submit value" => _bot.Activities.CardSubmit("checkin.submit", new JsonObject { ["calls"] = "CALLS" }, "card-1").ToJsonString().Replace("CALLS", "\\ud800", StringComparison.Ordinal),
            "lone surrogate in a card submit key" => _bot.Activities.CardSubmit("checkin.submit", new JsonObject { ["CALLS"] = "3" }, "card-1").ToJsonString().Replace("CALLS", "\\udfff", StringComparison.Ordinal),
            "lone surrogate in an invoke verb" => _bot.Activities.CardAction("VERB", new JsonObject()).ToJsonString().Replace("VERB", "checkin\\ud800", StringComparison.Ordinal),
            "duplicate keys" => _bot.Activities.PersonalMessage("help").ToJsonString().Replace("{\"type\":\"message\"", "{\"type\":\"message\",\"type\":\"invoke\"", StringComparison.Ordinal),
            "NUL in from.id" => _bot.Activities.PersonalMessage("help").ToJsonString().Replace(TeamsActivities.UserId, TeamsActivities.UserId + "\\u0000", StringComparison.Ordinal),
            "zero-width space in conversation.id" => _bot.Activities.PersonalMessage("help").ToJsonString().Replace(TeamsActivities.PersonalConversation, TeamsActivities.PersonalConversation + "\\u200b", StringComparison.Ordinal),
            "bidi override in the tenant id" => _bot.Activities.PersonalMessage("help").ToJsonString().Replace(TeamsActivities.TenantId, "\\u202e" + TeamsActivities.TenantId, StringComparison.Ordinal),
            "an id of 5,000 characters" => _bot.Activities.PersonalMessage("help").ToJsonString().Replace(TeamsActivities.PersonalConversation, new string('a', 5000), StringComparison.Ordinal),
            _ => "{\"type\":\"message\",\"value\":" + new string('[', 10_000) + new string(']', 10_000) + "}",
        };

        var response = await _bot.PostRawAsync(body, _bot.ValidToken());

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{odd}: {(int)response.StatusCode}");
        Assert.Contains("refused", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_bot.Connector.Calls);
    }

    [Fact]
    public async Task Raw_invalid_utf8_in_a_message_gets_a_400()
    {
        var text = _bot.Activities.PersonalMessage("TEXT").ToJsonString();
        var ascii = Encoding.ASCII.GetBytes(text);
        var at = text.IndexOf("TEXT", StringComparison.Ordinal);
        byte[] body = [.. ascii[..at], 0xED, 0xA0, 0x80, .. ascii[(at + 4)..]];
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _bot.ValidToken());

        var response = await _bot.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("UTF-8", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_bot.Connector.Calls);
    }

    [Theory]
    [InlineData("1e309")]
    [InlineData("9999999999999999999")]
    [InlineData("[1]")]
    public async Task A_card_submit_with_an_absurd_number_gets_a_polite_reply_not_a_500(string calls)
    {
        var body = _bot.Activities.CardSubmit("checkin.submit", new JsonObject { ["calls"] = "CALLS", ["meetings"] = "1", ["proposals"] = "1" }, "card-1")
            .ToJsonString().Replace("\"CALLS\"", calls, StringComparison.Ordinal);

        var response = await _bot.PostRawAsync(body, _bot.ValidToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(_bot.Connector.Calls);
    }

    [Fact]
    public async Task A_card_action_with_an_unknown_verb_answers_what_it_posts()
    {
        var response = await _bot.PostAsync(_bot.Activities.CardAction("no.such.verb", new JsonObject()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["value"];
        var posted = Assert.Single(_bot.Connector.Calls);
        var postedText = (string?)posted.Body!["text"] ?? (string?)posted.Body!["summary"];
        Assert.Contains("older version", answer, StringComparison.Ordinal);
        Assert.Equal(postedText, answer);
    }

    [Fact]
    public async Task A_team_install_announced_in_two_channels_greets_once()
    {
        var install = _bot.Activities.Base("installationUpdate", "19:picked-channel@thread.tacv2", "channel");
        install["action"] = "add";
        install["channelData"]!["channel"] = new JsonObject { ["id"] = "19:picked-channel@thread.tacv2", ["name"] = "Wins" };

        Assert.Equal(HttpStatusCode.OK, (await _bot.PostAsync(install)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _bot.PostAsync(_bot.Activities.BotAddedToTeam())).StatusCode);

        var greeting = Assert.Single(_bot.Connector.Calls);
        Assert.Equal("v3/conversations/19:picked-channel@thread.tacv2/activities", greeting.Path);
    }
}
