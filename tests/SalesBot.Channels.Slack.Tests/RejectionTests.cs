using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SalesBot.Channels.Slack.Tests.Infrastructure;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;

namespace SalesBot.Channels.Slack.Tests;

public sealed class RejectionTests : IAsyncLifetime
{
    private FakeSlackApi _api = null!;
    private SlackApp _app = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeSlackApi.StartAsync();
        _app = await SlackApp.StartAsync(_api);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _api.DisposeAsync();
    }

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
        var now = _app.Time.GetUtcNow().ToUnixTimeSeconds();
        var request = forgery switch
        {
            "bad signature" => _app.Requests.SignedRequest("/slack/commands", body, "application/x-www-form-urlencoded", secret: "not-the-secret"),
            "stale timestamp" => _app.Requests.SignedRequest("/slack/commands", body, "application/x-www-form-urlencoded", timestamp: now - 301),
            "future timestamp" => _app.Requests.SignedRequest("/slack/commands", body, "application/x-www-form-urlencoded", timestamp: now + 301),
            _ => _app.Requests.SignedRequest("/slack/commands", body, "application/x-www-form-urlencoded"),
        };
        if (forgery == "missing signature")
        {
            request.Headers.Remove("X-Slack-Signature");
        }

        if (forgery == "missing timestamp")
        {
            request.Headers.Remove("X-Slack-Request-Timestamp");
        }

        var response = await _app.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingHappenedAsync();
    }

    [Fact]
    public async Task A_replayed_event_body_is_refused_with_401_the_second_time()
    {
        var first = _app.Requests.Event(SlackRequests.DirectMessage("help"), "Ev0REPLAY");
        var replay = new HttpRequestMessage(HttpMethod.Post, first.RequestUri)
        {
            Content = new ByteArrayContent(await first.Content!.ReadAsByteArrayAsync()),
        };
        replay.Content.Headers.ContentType = first.Content.Headers.ContentType;
        foreach (var header in first.Headers)
        {
            replay.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        Assert.Equal(HttpStatusCode.OK, (await _app.SendAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.SendAsync(replay)).StatusCode);
        await _app.WhenIdleAsync();

        Assert.Single(_api.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task A_forged_interaction_is_refused_and_opens_nothing()
    {
        var request = _app.Requests.SignedRequest("/slack/interactivity", "payload=%7B%7D", "application/x-www-form-urlencoded", secret: "wrong");

        var response = await _app.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingHappenedAsync();
    }

    [Fact]
    public async Task A_body_over_the_size_cap_is_refused_with_413_before_verification()
    {
        var body = "text=" + new string('x', 70 * 1024);

        var response = await _app.SendAsync(_app.Requests.SignedRequest("/slack/commands", body, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertNothingHappenedAsync();
    }

    [Fact]
    public async Task Slacks_unsigned_ssl_check_gets_a_plain_200_and_nothing_else()
    {
        var response = await _app.SendAsync(SlackRequests.UnsignedRequest("/slack/commands", "ssl_check=1&token=abc", "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await AssertNothingHappenedAsync();
    }

    [Fact]
    public async Task Without_a_signing_secret_every_request_is_refused()
    {
        await using var unconfigured = await SlackApp.StartAsync(_api, new Dictionary<string, string?> { ["Slack:SigningSecret"] = "", ["Slack:BotToken"] = "" });
        var request = unconfigured.Requests.Event(SlackRequests.DirectMessage("help"), "Ev0NOSECRET");

        var response = await unconfigured.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_api.Calls);
    }

    private async Task AssertNothingHappenedAsync()
    {
        await _app.WhenIdleAsync();
        Assert.Empty(_api.Calls);
        var member = await _app.InScopeAsync(sp => sp.GetRequiredService<IMemberStore>()
            .FindByChannelAccountAsync(new ChannelAccount("slack", SlackRequests.Team, SlackRequests.User)));
        Assert.Null(member);
    }
}
