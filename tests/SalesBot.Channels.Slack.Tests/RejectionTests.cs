using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SalesBot.Channels.Slack.Tests.Infrastructure;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;

namespace SalesBot.Channels.Slack.Tests;

public sealed class RejectionTests : SlackAppTest
{

    public static TheoryData<string> Forgeries => ["bad signature", "missing signature", "missing timestamp", "stale timestamp", "future timestamp"];

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task A_forged_or_stale_command_is_refused_with_401_and_nothing_is_stored(string forgery)
    {
        var body = SlackRequests.Form(new Dictionary<string, string>
        {
            ["team_id"] = SlackRequests.Team, ["user_id"] = SlackRequests.User, ["channel_id"] = "D0DIRECT1",
            ["command"] = "/win", ["text"] = "closed Acme", ["trigger_id"] = "1.2.3",
        });
        var now = App.Time.GetUtcNow().ToUnixTimeSeconds();
        var request = forgery switch
        {
            "bad signature" => App.Requests.SignedRequest("/slack/commands", body, "application/x-www-form-urlencoded", secret: "not-the-secret"),
            "stale timestamp" => App.Requests.SignedRequest("/slack/commands", body, "application/x-www-form-urlencoded", timestamp: now - 301),
            "future timestamp" => App.Requests.SignedRequest("/slack/commands", body, "application/x-www-form-urlencoded", timestamp: now + 301),
            _ => App.Requests.SignedRequest("/slack/commands", body, "application/x-www-form-urlencoded"),
        };
        if (forgery == "missing signature")
        {
            request.Headers.Remove("X-Slack-Signature");
        }

        if (forgery == "missing timestamp")
        {
            request.Headers.Remove("X-Slack-Request-Timestamp");
        }

        var response = await App.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingHappenedAsync();
    }

    [Fact]
    public async Task A_replayed_event_body_is_refused_with_401_the_second_time()
    {
        var first = App.Requests.Event(SlackRequests.DirectMessage("help"), "Ev0REPLAY");
        var replay = new HttpRequestMessage(HttpMethod.Post, first.RequestUri)
        {
            Content = new ByteArrayContent(await first.Content!.ReadAsByteArrayAsync()),
        };
        replay.Content.Headers.ContentType = first.Content.Headers.ContentType;
        foreach (var header in first.Headers)
        {
            replay.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        Assert.Equal(HttpStatusCode.OK, (await App.SendAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.SendAsync(replay)).StatusCode);
        await App.WhenIdleAsync();

        Assert.Single(Api.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task A_forged_interaction_is_refused_and_opens_nothing()
    {
        var request = App.Requests.SignedRequest("/slack/interactivity", "payload=%7B%7D", "application/x-www-form-urlencoded", secret: "wrong");

        var response = await App.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingHappenedAsync();
    }

    [Fact]
    public async Task A_body_over_the_size_cap_is_refused_with_413_before_verification()
    {
        var body = "text=" + new string('x', 70 * 1024);

        var response = await App.SendAsync(App.Requests.SignedRequest("/slack/commands", body, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertNothingHappenedAsync();
    }

    [Fact]
    public async Task Slacks_unsigned_ssl_check_gets_a_plain_200_and_nothing_else()
    {
        var response = await App.SendAsync(SlackRequests.UnsignedRequest("/slack/commands", "ssl_check=1&token=abc", "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await AssertNothingHappenedAsync();
    }

    [Fact]
    public async Task Without_a_signing_secret_every_request_is_refused()
    {
        await using var unconfigured = await SlackApp.StartAsync(Api, new Dictionary<string, string?> { ["Slack:SigningSecret"] = "", ["Slack:BotToken"] = "" });
        var request = unconfigured.Requests.Event(SlackRequests.DirectMessage("help"), "Ev0NOSECRET");

        var response = await unconfigured.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(Api.Calls);
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
