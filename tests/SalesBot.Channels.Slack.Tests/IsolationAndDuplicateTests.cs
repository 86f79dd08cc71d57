using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using SalesBot.Channels.Slack.Tests.Infrastructure;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;

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
        await App.SendAsync(App.Requests.Event(SlackRequests.DirectMessage("win closed Acme"), "Ev0HOME1"));
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

    private Task<Stored<Member>?> MemberAsync(string team) => App.InScopeAsync(sp =>
        sp.GetRequiredService<IMemberStore>().FindByChannelAccountAsync(new ChannelAccount("slack", team, SlackRequests.User)));

    private Task<string> WinsAsync(string memberId) => App.InScopeAsync(async sp =>
        string.Join("|", (await sp.GetRequiredService<IWinStore>().ListForMemberAsync(memberId, Instant.MinValue, Instant.MaxValue)).Select(w => w.Text)));
}
