using System.Net;
using System.Text.Json.Nodes;
using SalesBot.Channels.Teams.Tests.Infrastructure;

namespace SalesBot.Channels.Teams.Tests;

/// <summary>Whatever arrives, the answer is a clear HTTP status or a logged no-op, never a crash.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private TeamsBot _bot = null!;

    public async Task InitializeAsync() => _bot = await TeamsBot.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Theory]
    [InlineData("{\"type\":\"message\",", "Malformed")]
    [InlineData("[1,2,3]", "Malformed")]
    [InlineData("{\"type\":\"message\",\"timestamp\":\"yesterday\"}", "Malformed")]
    [InlineData("{\"text\":\"hi\"}", "no type")]
    [InlineData("null", "no type")]
    public async Task Json_that_is_not_an_activity_is_refused_with_400_and_a_reason(string body, string reason)
    {
        var response = await _bot.PostRawAsync(body, _bot.ValidToken());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_bot.Connector.Calls);
    }

    [Theory]
    [InlineData("conversation")]
    [InlineData("from")]
    public async Task A_message_without_a_conversation_or_sender_is_refused_with_400(string missing)
    {
        var activity = _bot.Activities.PersonalMessage("check in");
        activity.Remove(missing);

        var response = await _bot.PostAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("conversation.id", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_bot.Connector.Calls);
    }

    [Theory]
    [InlineData("somethingFromTheFuture")]
    [InlineData("typing")]
    [InlineData("messageReaction")]
    [InlineData("messageUpdate")]
    public async Task Activities_the_bot_does_not_act_on_are_acknowledged_and_ignored(string type)
    {
        var activity = _bot.Activities.Base(type, TeamsActivities.PersonalConversation, "personal");

        var response = await _bot.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_bot.Connector.Calls);
    }

    [Fact]
    public async Task An_invoke_the_bot_does_not_implement_answers_501()
    {
        var activity = _bot.Activities.Base("invoke", TeamsActivities.PersonalConversation, "personal");
        activity["name"] = "composeExtension/query";

        var response = await _bot.PostAsync(activity);

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    [Fact]
    public async Task A_card_action_without_a_verb_answers_an_invoke_error()
    {
        var activity = _bot.Activities.Base("invoke", TeamsActivities.PersonalConversation, "personal");
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute" } };

        var response = await _bot.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(400, (int)body["statusCode"]!);
        Assert.Equal("application/vnd.microsoft.error", (string?)body["type"]);
    }

    [Fact]
    public async Task A_huge_payload_is_refused_with_413()
    {
        var activity = _bot.Activities.PersonalMessage(new string('x', 300 * 1024));

        var response = await _bot.PostAsync(activity);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(_bot.Connector.Calls);
    }

    [Fact]
    public async Task A_huge_payload_without_a_content_length_is_refused_with_413()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(_bot.Activities.PersonalMessage(new string('x', 300 * 1024)).ToJsonString());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StreamContent(new NoLengthStream(bytes)) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _bot.ValidToken());
        request.Headers.TransferEncodingChunked = true;

        var response = await _bot.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Get_on_the_messaging_endpoint_is_405()
    {
        var response = await _bot.Http.GetAsync("/api/messages");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    private sealed class NoLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
