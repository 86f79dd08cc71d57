using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using SalesBot.Channels.Slack.Tests.Infrastructure;
using SalesBot.Conversations.Ports;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Organization;
using SalesBot.Core.Schedules;

namespace SalesBot.Channels.Slack.Tests;

/// <summary>
/// The manager's metrics modal and a proficiency nudge's buttons through Slack: Ana is the workspace's first
/// person (its manager), Raj a hunter who joins after her. "Now" is Wednesday 18 Nov, reporting on Tuesday 17 Nov.
/// </summary>
public sealed class MetricsThroughSlackTests : SlackAppTest
{
    private const string Raj = "U0RAJ";
    private int _events;

    private async Task SayAsync(string text, string user = SlackRequests.User)
    {
        var message = SlackRequests.DirectMessage(text);
        message["user"] = user;
        message["ts"] = $"1700000000.00{Interlocked.Increment(ref _events):D4}";
        Assert.Equal(HttpStatusCode.OK, (await App.SendAsync(App.Requests.Event(message, $"Ev{_events:D4}"))).StatusCode);
        await App.WhenIdleAsync();
    }

    private Task<Member> RajAsync() => App.InScopeAsync(async sp =>
        (await sp.GetRequiredService<IMemberStore>().FindByChannelAccountAsync(new ChannelAccount("slack", SlackRequests.Team, Raj)))!.Value);

    private static string Targets(Member member) => string.Join(", ", member.Metrics.Select(m => $"{m.Key}:{m.DailyTarget}"));

    private string DirectMessagesSince(int count) =>
        string.Join("\n", Api.CallsTo("chat.postMessage").Skip(count).Select(c => c.Arg("text") + c.Arg("blocks")));

    private async Task StartTeamAsync()
    {
        await SayAsync("help");
        await SayAsync("help", Raj);
        // The local Slack API calls everyone Ana: give Raj his own name, as users.info would.
        var raj = await RajAsync();
        await App.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<IStoreWriter>().CommitAsync(c => c.PutMember(raj with { DisplayName = "Raj Rep" }, Expect.Any));
            return 0;
        });
    }

    [Fact]
    public async Task The_manager_sets_a_reps_targets_in_the_modal_and_a_forged_metric_or_rep_is_refused()
    {
        await StartTeamAsync();
        await App.SendAsync(App.Requests.Command("/salesbot", "metrics Raj", channel: FakeSlackApi.DirectChannel));
        var modal = Assert.Single(Api.CallsTo("views.open")).Args["view"]!.AsObject();
        Assert.Equal("metrics.submit", modal["callback_id"]!.ToString());
        var before = Targets(await RajAsync());
        var sent = Api.CallsTo("chat.postMessage").Count;

        var forgedMetric = App.Requests.Submission(modal, new Dictionary<string, string> { ["calls"] = "5" }, viewId: "V0METRICS");
        forgedMetric["view"]!["state"]!["values"]!["golf"] = new JsonObject { ["golf"] = new JsonObject { ["type"] = "number_input", ["value"] = "2" } };
        var forgedRep = App.Requests.Submission(modal, new Dictionary<string, string> { ["calls"] = "5" }, viewId: "V0METRICS");
        forgedRep["view"]!["private_metadata"] = """{"c":"D0DIRECT1","d":{"member":"m-someone-else"}}""";
        await App.SendAsync(App.Requests.Interaction(forgedMetric));
        await App.SendAsync(App.Requests.Interaction(forgedRep));
        await App.WhenIdleAsync();

        var replies = DirectMessagesSince(sent);
        Assert.Contains("saved nothing", replies, StringComparison.Ordinal);
        Assert.Contains("change metrics for", replies, StringComparison.Ordinal);
        Assert.Equal(before, Targets(await RajAsync()));

        var tooMany = await App.SendAsync(App.Requests.Interaction(App.Requests.Submission(modal,
            new Dictionary<string, string> { ["calls"] = "5", ["meetings"] = "1", ["proposals"] = "1", ["referrals"] = "1" }, viewId: "V0METRICS")));
        Assert.Equal("errors", JsonNode.Parse(await tooMany.Content.ReadAsStringAsync())!["response_action"]!.ToString());

        var saved = await App.SendAsync(App.Requests.Interaction(App.Requests.Submission(modal,
            new Dictionary<string, string> { ["calls"] = "25", ["meetings"] = "2", ["referrals"] = "1" }, viewId: "V0METRICS")));
        await App.WhenIdleAsync();

        Assert.Equal(string.Empty, await saved.Content.ReadAsStringAsync()); // an empty 200 closes the modal
        Assert.Equal("calls:25, meetings:2, referrals:1", Targets(await RajAsync()));
    }

    [Fact]
    public async Task A_proficiency_nudge_reaches_the_manager_and_its_button_adds_the_next_metric_only_for_her()
    {
        await StartTeamAsync();
        // Raj made 31 calls on each of the 19 working days before Tuesday 17 November.
        var raj = await RajAsync();
        await App.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<IStoreWriter>().CommitAsync(c =>
            {
                c.PutMember(raj with { StartDate = new LocalDate(2025, 1, 6) }, Expect.Any);
                var calendar = new MemberCalendar(raj, new Team("t", "o", "T", "America/New_York"));
                var day = calendar.PreviousWorkingDay(new LocalDate(2026, 11, 17));
                for (var i = 0; i < 19; i++, day = calendar.PreviousWorkingDay(day))
                {
                    c.PutCheckIn(new CheckIn
                    {
                        MemberId = raj.Id, ReportDate = day, SubmittedAt = Instant.FromUtc(2026, 11, 1, 14, 0),
                        Values = new Dictionary<string, int> { ["calls"] = 31, ["meetings"] = 0, ["proposals"] = 0 },
                    }, Expect.Any);
                }
            });
            return 0;
        });

        await SayAsync("calls 30, meetings 0, proposals 0", Raj);
        var sent = Api.CallsTo("chat.postMessage").Count;
        await App.DispatchOutboxAsync();

        var nudge = Assert.Single(Api.CallsTo("chat.postMessage").Skip(sent), c => c.Arg("text")!.Contains("Ready for the next step", StringComparison.Ordinal));
        Assert.Contains(Api.CallsTo("chat.postMessage").Skip(sent), c => c.Arg("text")!.Contains("That's a habit now", StringComparison.Ordinal));
        var add = JsonNode.Parse(nudge.Arg("blocks")!)!.AsArray().Single(b => b!["type"]!.ToString() == "actions")!["elements"]!.AsArray()
            .Single(e => e!["action_id"]!.ToString().StartsWith("metrics.add", StringComparison.Ordinal))!.AsObject();

        var byRaj = App.Requests.ButtonPress(add);
        byRaj["user"]!["id"] = Raj;
        await App.SendAsync(App.Requests.Interaction(byRaj));
        await App.WhenIdleAsync();
        Assert.Equal("calls:30, meetings:3, proposals:1", Targets(await RajAsync()));

        var pressed = await App.SendAsync(App.Requests.Interaction(App.Requests.ButtonPress(add)));
        await App.WhenIdleAsync();

        Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
        var after = await RajAsync();
        Assert.Equal("meetings:3, proposals:1, referrals:2", Targets(after));
        Assert.Equal(3, after.MetricsOn(new LocalDate(2026, 11, 17)).Count);
        Assert.Contains("calls", after.MetricsOn(new LocalDate(2026, 11, 17)).Select(m => m.Key));
    }
}
