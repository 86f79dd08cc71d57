using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using SalesBot.Channels.Slack.Tests.Infrastructure;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;
using SalesBot.Testing.Hostile;

namespace SalesBot.Channels.Slack.Tests;

/// <summary>
/// The same user id in two workspaces is two people: nothing sent in one reads or changes the other's data;
/// and a submit delivered twice has one effect. Both checked in the store.
/// </summary>
public sealed class IsolationAndDuplicateTests : SlackAppTest
{
    private const string OtherTeam = "T0OTHER";

    [Fact]
    public async Task A_win_submitted_from_another_workspace_with_this_workspaces_ids_is_stored_only_for_its_own_sender()
    {
        await App.SendAsync(App.Requests.Event(SlackRequests.DirectMessage("win booked a demo with Acme"), "Ev0HOME1"));
        await App.WhenIdleAsync();
        var home = await MemberAsync(SlackRequests.Team);
        Assert.NotNull(home);
        var homeWins = await WinsAsync(home.Value.Id);

        await App.SendAsync(App.Requests.Command("/win", "", channel: FakeSlackApi.DirectChannel));
        var modal = Assert.Single(Api.CallsTo("views.open")).Args["view"]!.AsObject();
        var forged = App.Requests.Submission(modal, new Dictionary<string, string> { ["win"] = "a win from elsewhere" }, viewId: "V0FORGED");
        forged["team"] = new JsonObject { ["id"] = OtherTeam, ["domain"] = "other" };
        forged["user"]!["team_id"] = OtherTeam;
        forged["view"]!["private_metadata"] = """{"c":"D0DIRECT1","t":"1700000000.000100","d":{"memberId":"HOME","teamId":"HOME"}}"""
            .Replace("HOME", home.Value.Id, StringComparison.Ordinal);

        var response = await App.SendAsync(App.Requests.Interaction(forged));
        await App.WhenIdleAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(homeWins, await WinsAsync(home.Value.Id));
        var other = await MemberAsync(OtherTeam);
        Assert.NotNull(other);
        Assert.NotEqual(home.Value.Id, other.Value.Id);
        Assert.Equal("a win from elsewhere", await WinsAsync(other.Value.Id));
    }

    [Fact]
    public async Task The_same_modal_submit_delivered_twice_stores_one_win()
    {
        await App.SendAsync(App.Requests.Command("/win", "", channel: FakeSlackApi.DirectChannel));
        var modal = Assert.Single(Api.CallsTo("views.open")).Args["view"]!.AsObject();
        var submit = App.Requests.Submission(modal, new Dictionary<string, string> { ["win"] = "Signed the Contoso renewal" }, viewId: "V0TWICE");

        var first = await App.SendAsync(App.Requests.Interaction(submit));
        App.Time.Advance(TimeSpan.FromSeconds(2)); // a fresh signature, as Slack's own retry would carry
        var second = await App.SendAsync(App.Requests.Interaction(submit));
        await App.WhenIdleAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var member = await MemberAsync(SlackRequests.Team);
        Assert.NotNull(member);
        Assert.Equal("Signed the Contoso renewal", await WinsAsync(member.Value.Id));
    }

    [Fact]
    public async Task An_event_slack_retries_with_x_slack_retry_num_stores_one_win_and_posts_it_once()
    {
        await App.SendAsync(App.Requests.Event(SlackRequests.DirectMessage("win booked a demo with Acme"), "Ev0RETRIED"));
        await App.WhenIdleAsync();
        var stored = await SqliteContents.FingerprintAsync(App.DatabasePath);
        var calls = Api.Calls.Count;

        for (var retry = 1; retry <= 3; retry++)
        {
            App.Time.Advance(TimeSpan.FromMinutes(retry)); // Slack retries at once, after 1 minute, then after 5
            var response = await App.SendAsync(App.Requests.Event(SlackRequests.DirectMessage("win booked a demo with Acme"), "Ev0RETRIED", retryNum: retry));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await App.WhenIdleAsync();
        Assert.Equal(stored, await SqliteContents.FingerprintAsync(App.DatabasePath));
        Assert.Equal(calls, Api.Calls.Count);
        await App.DispatchOutboxAsync();
        await App.DispatchOutboxAsync();
        Assert.Equal(1, await SqliteRows.CountAsync(App.DatabasePath, "wins"));
    }

    [Fact]
    public async Task A_slash_command_delivered_twice_stores_one_win_and_answers_once()
    {
        var command = App.Requests.Command("/win", "booked a demo with Initech", channel: FakeSlackApi.DirectChannel);
        var body = await command.Content!.ReadAsStringAsync();

        var first = await App.SendAsync(command);
        await App.WhenIdleAsync();
        var stored = await SqliteContents.FingerprintAsync(App.DatabasePath);
        var calls = Api.Calls.Count;
        App.Time.Advance(TimeSpan.FromSeconds(3)); // the same command (same trigger_id), freshly signed
        var second = await App.SendAsync(App.Requests.SignedRequest("/slack/commands", body, "application/x-www-form-urlencoded"));
        await App.WhenIdleAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(stored, await SqliteContents.FingerprintAsync(App.DatabasePath));
        Assert.Equal(calls, Api.Calls.Count);
        var member = await MemberAsync(SlackRequests.Team);
        Assert.Equal("booked a demo with Initech", await WinsAsync(member!.Value.Id));
    }

    [Fact]
    public async Task A_snooze_button_delivered_twice_snoozes_once()
    {
        await App.SendAsync(App.Requests.Event(SlackRequests.DirectMessage("hello"), "Ev0HELLO"));
        await App.WhenIdleAsync();
        var press = App.Requests.ButtonPress(new JsonObject
        {
            ["action_id"] = "prompt.snooze#0",
            ["value"] = """{"v":"prompt.snooze","d":{"reportDate":"2026-11-17"}}""",
        });
        var outbox = await SqliteRows.CountAsync(App.DatabasePath, "outbox");

        var first = await App.SendAsync(App.Requests.Interaction(press));
        await App.WhenIdleAsync();
        var stored = await SqliteContents.FingerprintAsync(App.DatabasePath);
        var calls = Api.Calls.Count;
        App.Time.Advance(TimeSpan.FromSeconds(3));
        var second = await App.SendAsync(App.Requests.Interaction(press));
        await App.WhenIdleAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(outbox + 1, await SqliteRows.CountAsync(App.DatabasePath, "outbox")); // one reminder in an hour
        Assert.Equal(stored, await SqliteContents.FingerprintAsync(App.DatabasePath));
        Assert.Equal(calls, Api.Calls.Count);
    }

    [Fact]
    public async Task A_status_button_from_another_workspace_naming_this_workspaces_rep_shows_nothing_of_that_rep()
    {
        await App.SendAsync(App.Requests.Event(SlackRequests.DirectMessage("calls 37, meetings 4, proposals 1"), "Ev0HOMECHECKIN"));
        await App.WhenIdleAsync();
        var home = await MemberAsync(SlackRequests.Team);
        var homeCheckIns = await SqliteRows.QueryAsync(App.DatabasePath, "SELECT member_id, report_date, doc FROM checkins");
        Assert.Contains("37", homeCheckIns.Single()[2], StringComparison.Ordinal);
        var before = Api.Calls.Count;

        var press = App.Requests.ButtonPress(new JsonObject
        {
            ["action_id"] = "status#0",
            ["value"] = new JsonObject { ["v"] = "status", ["d"] = new JsonObject { ["form"] = "rep", ["member"] = home!.Value.Id } }.ToJsonString(),
        });
        press["team"]!["id"] = OtherTeam;
        press["user"]!["team_id"] = OtherTeam;
        var response = await App.SendAsync(App.Requests.Interaction(press));
        await App.WhenIdleAsync();
        await App.DispatchOutboxAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var said = string.Concat(Api.Calls.Skip(before).Select(c => c.Args.ToJsonString()));
        Assert.DoesNotContain("37", said, StringComparison.Ordinal);
        Assert.DoesNotContain(home.Value.Id, said, StringComparison.Ordinal);
        Assert.Equal(homeCheckIns.Select(r => string.Join('|', r)), (await SqliteRows.QueryAsync(App.DatabasePath, "SELECT member_id, report_date, doc FROM checkins")).Select(r => string.Join('|', r)));
        Assert.Equal(2, await SqliteRows.CountAsync(App.DatabasePath, "organizations"));
    }

    private Task<Stored<Member>?> MemberAsync(string team) => App.InScopeAsync(sp =>
        sp.GetRequiredService<IMemberStore>().FindByChannelAccountAsync(new ChannelAccount("slack", team, SlackRequests.User)));

    private Task<string> WinsAsync(string memberId) => App.InScopeAsync(async sp =>
        string.Join("|", (await sp.GetRequiredService<IWinStore>().ListForMemberAsync(memberId, Instant.MinValue, Instant.MaxValue)).Select(w => w.Text)));
}
