using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using SalesBot.Channels.Slack.Tests.Infrastructure;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;

namespace SalesBot.Channels.Slack.Tests;

public sealed class CheckInThroughSlackTests : SlackAppTest
{
    private static readonly LocalDate ReportDay = new(2026, 11, 17);

    [Fact]
    public async Task The_checkin_command_opens_a_modal_and_its_submission_is_stored_and_answered_in_the_dm()
    {
        var command = await App.SendAsync(App.Requests.Command("/checkin", ""));

        Assert.Equal(HttpStatusCode.OK, command.StatusCode);
        var open = Assert.Single(Api.CallsTo("views.open"));
        var modal = open.Args["view"]!.AsObject();
        Golden.Verify("checkin-modal", modal);

        var submit = await App.SendAsync(App.Requests.Interaction(App.Requests.Submission(modal, new Dictionary<string, string>
        {
            ["calls"] = "32",
            ["meetings"] = "4",
            ["proposals"] = "1",
            ["plan"] = "Call Acme about renewal\nSend Globex the deck",
            ["blockers"] = "",
        })));
        await App.WhenIdleAsync();

        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        Assert.Equal(string.Empty, await submit.Content.ReadAsStringAsync()); // an empty 200 closes the modal
        var stored = await StoredCheckInAsync();
        Assert.NotNull(stored);
        Assert.Equal(32, stored.ValueOf("calls"));
        Assert.Equal(4, stored.ValueOf("meetings"));
        Assert.Equal(["Call Acme about renewal", "Send Globex the deck"], stored.Plan);
        var reply = Assert.Single(Api.CallsTo("chat.postMessage"), c => c.Arg("channel") == FakeSlackApi.DirectChannel);
        Assert.Contains("Check-in saved for Tue 17 Nov", reply.Arg("text"), StringComparison.Ordinal);
        var home = Assert.Single(Api.CallsTo("views.publish")).Args["view"]!;
        Golden.Verify("app-home-after-checkin", home);
    }

    [Theory]
    [InlineData("-3", "can't be negative")]
    [InlineData("999999", "")]
    [InlineData("2.5", "whole number")]
    public async Task A_bad_number_keeps_the_modal_open_with_the_error_under_its_input_and_stores_nothing(string calls, string expected)
    {
        await App.SendAsync(App.Requests.Command("/checkin", "", channel: FakeSlackApi.DirectChannel));
        var modal = Assert.Single(Api.CallsTo("views.open")).Args["view"]!.AsObject();

        var submit = await App.SendAsync(App.Requests.Interaction(App.Requests.Submission(modal, new Dictionary<string, string>
        {
            ["calls"] = calls,
            ["meetings"] = "4",
            ["proposals"] = "1",
        })));
        await App.WhenIdleAsync();

        var body = JsonNode.Parse(await submit.Content.ReadAsStringAsync())!;
        Assert.Equal("errors", body["response_action"]!.ToString());
        var errors = body["errors"]!.AsObject();
        Assert.Equal(["calls"], errors.Select(e => e.Key));
        Assert.Contains(expected, errors["calls"]!.ToString(), StringComparison.Ordinal);
        Assert.Null(await StoredCheckInAsync());
        Assert.Empty(Api.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task Resubmitting_the_same_bad_number_shows_the_error_again_and_a_correction_is_saved()
    {
        await App.SendAsync(App.Requests.Command("/checkin", "", channel: FakeSlackApi.DirectChannel));
        var modal = Assert.Single(Api.CallsTo("views.open")).Args["view"]!.AsObject();
        var bad = new Dictionary<string, string> { ["calls"] = "-3", ["meetings"] = "4", ["proposals"] = "1" };

        var first = await App.SendAsync(App.Requests.Interaction(App.Requests.Submission(modal, bad)));
        App.Time.Advance(TimeSpan.FromSeconds(5));
        var again = await App.SendAsync(App.Requests.Interaction(App.Requests.Submission(modal, bad)));
        App.Time.Advance(TimeSpan.FromSeconds(5));
        var corrected = await App.SendAsync(App.Requests.Interaction(App.Requests.Submission(modal, bad.Concat([new("calls", "30")]).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value))));
        await App.WhenIdleAsync();

        Assert.Equal("errors", JsonNode.Parse(await first.Content.ReadAsStringAsync())!["response_action"]!.ToString());
        Assert.Equal("errors", JsonNode.Parse(await again.Content.ReadAsStringAsync())!["response_action"]!.ToString());
        Assert.Equal(System.Net.HttpStatusCode.OK, corrected.StatusCode);
        Assert.Equal(30, (await StoredCheckInAsync())!.Values["calls"]);
    }

    [Fact]
    public async Task Typing_check_in_in_the_dm_offers_a_button_that_opens_the_same_modal()
    {
        await App.SendAsync(App.Requests.Event(SlackRequests.DirectMessage("check in"), "Ev0TYPED"));
        await App.WhenIdleAsync();
        var prompt = Assert.Single(Api.CallsTo("chat.postMessage"));
        var button = prompt.Args["blocks"]!.AsArray().Last()!["elements"]![0]!.AsObject();

        var press = await App.SendAsync(App.Requests.Interaction(App.Requests.ButtonPress(button)));

        Assert.Equal(HttpStatusCode.OK, press.StatusCode);
        var modal = Assert.Single(Api.CallsTo("views.open")).Args["view"]!.AsObject();
        Assert.Equal("checkin.submit", modal["callback_id"]!.ToString());

        await App.SendAsync(App.Requests.Interaction(App.Requests.Submission(modal, new Dictionary<string, string>
        {
            ["calls"] = "30", ["meetings"] = "3", ["proposals"] = "1",
        })));
        await App.WhenIdleAsync();

        Assert.NotNull(await StoredCheckInAsync());
        var update = Assert.Single(Api.CallsTo("chat.update"));
        Assert.Equal("1700000000.000200", update.Arg("ts")); // the prompt with the button becomes the summary
    }

    private Task<SalesBot.Core.CheckIns.CheckIn?> StoredCheckInAsync() => App.InScopeAsync(async sp =>
    {
        var member = await sp.GetRequiredService<IMemberStore>().FindByChannelAccountAsync(new ChannelAccount("slack", SlackRequests.Team, SlackRequests.User));
        return member is null ? null : (await sp.GetRequiredService<ICheckInStore>().GetAsync(member.Value.Id, ReportDay))?.Value;
    });
}
