using System.Net;
using System.Text.Json.Nodes;
using SalesBot.Channels.Slack.Tests.Infrastructure;

namespace SalesBot.Channels.Slack.Tests;

public sealed class CommandsAndButtonsTests : SlackAppTest
{
    [Fact]
    public async Task Reflect_opens_the_monthly_reflection_as_a_modal()
    {
        var response = await App.SendAsync(App.Requests.Command("/reflect", ""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var modal = Assert.Single(Api.CallsTo("views.open")).Args["view"]!;
        Assert.Equal("reflect.submit", modal["callback_id"]!.ToString());
        Assert.Equal(["worked", "didNotWork", "willTry"], modal["blocks"]!.AsArray().Where(b => b!["type"]!.ToString() == "input").Select(b => b!["block_id"]!.ToString()));
    }

    [Fact]
    public async Task Salesbot_status_in_a_channel_answers_privately_in_the_dm()
    {
        var response = await App.SendAsync(App.Requests.Command("/salesbot", "status"));
        await App.WhenIdleAsync();

        var ack = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("ephemeral", ack["response_type"]!.ToString());
        var reply = Assert.Single(Api.CallsTo("chat.postMessage"));
        Assert.Equal(FakeSlackApi.DirectChannel, reply.Arg("channel"));
        Assert.Empty(Api.CallsTo("views.open"));
    }

    [Fact]
    public async Task The_home_tabs_check_in_button_opens_the_check_in_modal()
    {
        var homeButton = new JsonObject { ["action_id"] = "checkin.open#0", ["value"] = """{"v":"checkin.open","d":{}}""" };
        var press = App.Requests.ButtonPress(homeButton);
        press.Remove("channel");
        press.Remove("message");
        press["container"] = new JsonObject { ["type"] = "view", ["view_id"] = "V0HOME" };

        var response = await App.SendAsync(App.Requests.Interaction(press));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var modal = Assert.Single(Api.CallsTo("views.open")).Args["view"]!;
        Assert.Equal("checkin.submit", modal["callback_id"]!.ToString());
        Assert.Contains("\"c\":\"D0DIRECT1\"", modal["private_metadata"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_win_typed_in_the_modal_is_logged_and_the_modal_closes()
    {
        await App.SendAsync(App.Requests.Command("/win", ""));
        var modal = Assert.Single(Api.CallsTo("views.open")).Args["view"]!.AsObject();

        var empty = await App.SendAsync(App.Requests.Interaction(App.Requests.Submission(modal, new Dictionary<string, string> { ["win"] = " " }, viewId: "V0WIN")));
        var filled = await App.SendAsync(App.Requests.Interaction(App.Requests.Submission(modal, new Dictionary<string, string> { ["win"] = "Booked a demo with Globex" }, viewId: "V0WIN")));
        await App.WhenIdleAsync();

        Assert.Equal("errors", JsonNode.Parse(await empty.Content.ReadAsStringAsync())!["response_action"]!.ToString());
        Assert.Equal(string.Empty, await filled.Content.ReadAsStringAsync());
        var reply = Assert.Single(Api.CallsTo("chat.postMessage"));
        Assert.Contains("Nice one", reply.Arg("text"), StringComparison.Ordinal);
    }
}
