using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SalesBot.Channels.Slack.Security;
using SalesBot.Channels.Slack.Tests.Infrastructure;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;

namespace SalesBot.Channels.Slack.Tests;

/// <summary>Validly signed requests that carry something strange: a 400 with a reason or a polite answer, never a 5xx, nothing stored.</summary>
public sealed class HostileInputTests : SlackAppTest
{
    private const string Envelope = """{"token":"x","team_id":"T0TEAM","api_app_id":"A0APP","type":"event_callback","event_id":"Ev0ODD","event_time":1,"event":{"type":"message","channel":"D0DIRECT1","channel_type":"im","user":"U0ANA","text":"TEXT","ts":"1700000000.000100"}}""";

    public static TheoryData<string, string> OddEvents => new()
    {
        { "lone surrogate in type", """{"type":"\ud800","challenge":"abc"}""" },
        { "lone surrogate in challenge", """{"type":"url_verification","challenge":"\ud800"}""" },
        { "lone surrogate in team_id", Envelope.Replace("\"T0TEAM\"", "\"T0\\udc00\"", StringComparison.Ordinal) },
        { "lone surrogate in event.text", Envelope.Replace("TEXT", "win \\ud83d", StringComparison.Ordinal) },
        { "duplicate keys", """{"type":"event_callback","type":"url_verification","challenge":"abc"}""" },
        { "NUL in team_id", Envelope.Replace("\"T0TEAM\"", "\"T0TEAM\\u0000\"", StringComparison.Ordinal) },
        { "zero-width space in user", Envelope.Replace("\"U0ANA\"", "\"U0ANA\\u200b\"", StringComparison.Ordinal) },
        { "absurdly long channel", Envelope.Replace("\"D0DIRECT1\"", "\"D" + new string('1', 2000) + "\"", StringComparison.Ordinal) },
        { "nesting 10,000 deep", "{\"type\":\"event_callback\",\"event\":" + new string('[', 10_000) + new string(']', 10_000) + "}" },
    };

    [Theory]
    [MemberData(nameof(OddEvents))]
    public async Task An_odd_event_body_gets_a_400_with_a_reason_and_nothing_happens(string odd, string body)
    {
        var response = await App.SendAsync(App.Requests.SignedRequest("/slack/events", body, "application/json"));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{odd}: {(int)response.StatusCode}");
        Assert.False(string.IsNullOrWhiteSpace(await response.Content.ReadAsStringAsync()), "a 400 says why");
        await AssertNothingHappenedAsync();
    }

    [Fact]
    public async Task Raw_invalid_utf8_in_event_text_gets_a_400_and_nothing_is_stored()
    {
        var ascii = Encoding.ASCII.GetBytes(Envelope);
        var at = Envelope.IndexOf("TEXT", StringComparison.Ordinal);
        byte[] body = [.. ascii[..at], 0xC3, 0x28, 0xFF, .. ascii[(at + 4)..]];

        var response = await App.SendAsync(SignedBytes("/slack/events", body, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("UTF-8", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertNothingHappenedAsync();
    }

    [Fact]
    public async Task A_lone_surrogate_in_an_interactions_user_id_gets_a_400_and_opens_nothing()
    {
        var press = App.Requests.ButtonPress(new JsonObject { ["action_id"] = "checkin.open#0", ["value"] = """{"v":"checkin.open","d":{}}""" });
        var payload = press.ToJsonString().Replace("\"U0ANA\"", "\"U0\\ud800\"", StringComparison.Ordinal);

        var response = await App.SendAsync(App.Requests.SignedRequest("/slack/interactivity", SlackRequests.Form(new Dictionary<string, string> { ["payload"] = payload }), "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingHappenedAsync();
    }

    [Fact]
    public async Task A_command_whose_team_id_ends_in_nul_is_refused_and_no_workspace_is_made()
    {
        var body = SlackRequests.Form(new Dictionary<string, string>
        {
            ["team_id"] = SlackRequests.Team + "\0", ["user_id"] = SlackRequests.User, ["channel_id"] = FakeSlackApi.DirectChannel,
            ["command"] = "/win", ["text"] = "closed Acme", ["trigger_id"] = "1.2.3",
        });

        var response = await App.SendAsync(App.Requests.SignedRequest("/slack/commands", body, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("team_id", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertNothingHappenedAsync();
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"hello\"")]
    [InlineData("{\"c\":1}")]
    [InlineData("{\"c\":\"D0DIRECT1\",\"t\":[1],\"d\":\"x\"}")]
    public async Task Modal_metadata_of_the_wrong_shape_still_saves_the_win_and_answers_in_the_dm(string metadata)
    {
        await App.SendAsync(App.Requests.Command("/win", "", channel: FakeSlackApi.DirectChannel));
        var modal = Assert.Single(Api.CallsTo("views.open")).Args["view"]!.AsObject();
        modal["private_metadata"] = metadata;

        var response = await App.SendAsync(App.Requests.Interaction(App.Requests.Submission(modal, new Dictionary<string, string> { ["win"] = "Booked a demo with Globex" }, viewId: "V0WIN")));
        await App.WhenIdleAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Api.CallsTo("chat.postMessage"), c => c.Arg("channel") == FakeSlackApi.DirectChannel);
        Assert.Empty(Api.CallsTo("chat.update"));
    }

    [Theory]
    [InlineData("[1]")]
    [InlineData("{\"v\":1}")]
    [InlineData("{\"v\":\"nope\",\"d\":[1],\"f\":\"x\"}")]
    public async Task A_button_value_of_the_wrong_shape_gets_a_polite_answer(string value)
    {
        var press = App.Requests.ButtonPress(new JsonObject { ["action_id"] = "mystery#0", ["value"] = value });

        var response = await App.SendAsync(App.Requests.Interaction(press));
        await App.WhenIdleAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(Api.CallsTo("views.open"));
        Assert.Contains(Api.CallsTo("chat.postMessage"), c => c.Arg("channel") == FakeSlackApi.DirectChannel);
    }

    [Fact]
    public async Task Modal_metadata_naming_someone_elses_dm_never_updates_that_message()
    {
        await App.SendAsync(App.Requests.Command("/win", "", channel: FakeSlackApi.DirectChannel));
        var modal = Assert.Single(Api.CallsTo("views.open")).Args["view"]!.AsObject();
        modal["private_metadata"] = """{"c":"D0SOMEONEELSE","t":"1600000000.000900","d":{}}""";

        var response = await App.SendAsync(App.Requests.Interaction(App.Requests.Submission(modal, new Dictionary<string, string> { ["win"] = "Booked a demo with Globex" }, viewId: "V0WIN")));
        await App.WhenIdleAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(Api.Calls, c => c.Arg("channel") == "D0SOMEONEELSE" || c.Arg("ts") == "1600000000.000900");
        Assert.Contains(Api.CallsTo("chat.postMessage"), c => c.Arg("channel") == FakeSlackApi.DirectChannel);
    }

    private HttpRequestMessage SignedBytes(string path, byte[] body, string contentType)
    {
        var ts = App.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", SlackSignature.Compute(SlackApp.SigningSecret, ts, body));
        return request;
    }

    private async Task AssertNothingHappenedAsync()
    {
        await App.WhenIdleAsync();
        Assert.Empty(Api.Calls);
        var member = await App.InScopeAsync(sp => sp.GetRequiredService<IMemberStore>()
            .FindByChannelAccountAsync(new ChannelAccount("slack", SlackRequests.Team, SlackRequests.User)));
        Assert.Null(member);
    }
}
