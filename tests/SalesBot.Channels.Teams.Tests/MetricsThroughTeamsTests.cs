using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using SalesBot.Channels.Teams.Tests.Infrastructure;
using SalesBot.Conversations.Ports;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Organization;
using SalesBot.Core.Schedules;

namespace SalesBot.Channels.Teams.Tests;

/// <summary>
/// A manager's metrics card and a proficiency nudge's buttons, end to end through the real Host: Ana is the
/// first person in the tenant (so its manager), Raj a hunter who joins after her.
/// </summary>
public sealed class MetricsThroughTeamsTests : IAsyncLifetime
{
    private const string RajId = "29:1b-rep-raj";
    private const string RajConversation = "a:1personal-raj";
    private TeamsBot _bot = null!;

    public async Task InitializeAsync()
    {
        _bot = await TeamsBot.StartHostAsync();
        await _bot.PostAsync(Activities.PersonalMessage("help"));
        await _bot.PostAsync(RajSays("help"));
        _bot.Connector.Clear();
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private TeamsActivities Activities => _bot.Activities;

    private JsonObject RajSays(string text)
    {
        var activity = Activities.Base("message", RajConversation, "personal", RajId, "Raj Rep");
        activity["text"] = text;
        return activity;
    }

    private JsonObject RajPresses(string verb, JsonObject data)
    {
        var activity = Activities.CardAction(verb, data);
        var raj = Activities.Base("invoke", RajConversation, "personal", RajId, "Raj Rep");
        activity["from"] = raj["from"]!.DeepClone();
        activity["conversation"] = raj["conversation"]!.DeepClone();
        return activity;
    }

    private Task<Member> RajAsync() => _bot.InScopeAsync(async sp =>
        (await sp.GetRequiredService<IMemberStore>().FindByChannelAccountAsync(new ChannelAccount("msteams", TeamsActivities.TenantId, RajId)))!.Value);

    private static string Targets(Member member) => string.Join(", ", member.Metrics.Select(m => $"{m.Key}:{m.DailyTarget}"));

    /// <summary>Presses a card button and reads what came back: the invoke's answer and any reply sent to the chat.</summary>
    private async Task<string> PressAsync(JsonObject invoke)
    {
        _bot.Connector.Clear();
        var response = await _bot.PostAsync(invoke);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync() + string.Join("\n", _bot.Connector.Calls.Select(c => c.Body?.ToJsonString()));
    }

    [Fact]
    public async Task The_manager_sets_a_reps_targets_in_the_card_and_a_forged_metric_or_rep_is_refused()
    {
        await _bot.PostAsync(Activities.PersonalMessage("metrics Raj"));
        var card = Assert.Single(_bot.Connector.Calls).Card!;
        var submit = card["actions"]!.AsArray().Single()!;
        Assert.Equal("metrics.submit", (string?)submit["verb"]);
        var rajId = (string)submit["data"]!["member"]!;
        Assert.Contains("Input.Number", card.ToJsonString(), StringComparison.Ordinal);
        var before = Targets(await RajAsync());

        var forgedMetric = await PressAsync(Activities.CardAction("metrics.submit", new JsonObject { ["member"] = rajId, ["calls"] = "5", ["golf"] = "2" }));
        var forgedRep = await PressAsync(Activities.CardAction("metrics.submit", new JsonObject { ["member"] = "m-nobody", ["calls"] = "5" }));
        var byRaj = await PressAsync(RajPresses("metrics.submit", new JsonObject { ["member"] = rajId, ["calls"] = "5" }));
        Assert.Contains("saved nothing", forgedMetric, StringComparison.Ordinal);
        Assert.Contains("change metrics for", forgedRep, StringComparison.Ordinal);
        Assert.Contains("change metrics for", byRaj, StringComparison.Ordinal);
        Assert.Equal(before, Targets(await RajAsync()));

        var saved = await PressAsync(Activities.CardAction("metrics.submit", new JsonObject
        {
            ["member"] = rajId, ["calls"] = "25", ["meetings"] = "2", ["proposals"] = "", ["reviews"] = "", ["referrals"] = "1",
        }));

        Assert.Contains("application/vnd.microsoft.card.adaptive", saved, StringComparison.Ordinal);
        Assert.DoesNotContain("Input.", saved, StringComparison.Ordinal);
        Assert.Equal("calls:25, meetings:2, referrals:1", Targets(await RajAsync()));
    }

    [Fact]
    public async Task A_proficiency_nudge_reaches_the_manager_and_its_button_raises_the_target_only_for_her()
    {
        // Raj made 31 calls on each of the 19 working days before Monday 9 March.
        var raj = await RajAsync();
        await _bot.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<IStoreWriter>().CommitAsync(c =>
            {
                c.PutMember(raj with { StartDate = new LocalDate(2025, 1, 6) }, Expect.Any);
                var calendar = new MemberCalendar(raj, new Team("t", "o", "T", "America/New_York"));
                var day = calendar.PreviousWorkingDay(new LocalDate(2026, 3, 9));
                for (var i = 0; i < 19; i++, day = calendar.PreviousWorkingDay(day))
                {
                    c.PutCheckIn(new CheckIn
                    {
                        MemberId = raj.Id, ReportDate = day, SubmittedAt = Instant.FromUtc(2026, 3, 1, 14, 0),
                        Values = new Dictionary<string, int> { ["calls"] = 31, ["meetings"] = 0, ["proposals"] = 0 },
                    }, Expect.Any);
                }
            });
            return 0;
        });

        await _bot.PostAsync(RajSays("calls 30, meetings 0, proposals 0"));
        _bot.Connector.Clear();
        await _bot.DispatchOutboxAsync();

        var nudge = Assert.Single(_bot.Connector.Calls, c => c.Path == $"v3/conversations/{TeamsActivities.PersonalConversation}/activities");
        Assert.Contains("Raj Rep is proficient on Calls", nudge.Card!.ToJsonString(), StringComparison.Ordinal);
        Assert.Single(_bot.Connector.Calls, c => c.Path == $"v3/conversations/{RajConversation}/activities" && c.Body!["text"]!.ToString().Contains("That's a habit now", StringComparison.Ordinal));
        var raise = nudge.Card!["actions"]!.AsArray().Single(a => (string?)a!["verb"] == "metrics.raise")!;
        var data = raise["data"]!.AsObject();

        var byRaj = await PressAsync(RajPresses("metrics.raise", data.DeepClone().AsObject()));
        Assert.Contains("change metrics for", byRaj, StringComparison.Ordinal);
        Assert.Equal("calls:30, meetings:3, proposals:1", Targets(await RajAsync()));

        await PressAsync(Activities.CardAction("metrics.raise", data.DeepClone().AsObject()));

        var after = await RajAsync();
        Assert.Equal("calls:35, meetings:3, proposals:1", Targets(after));
        Assert.Equal(30, after.MetricsOn(new LocalDate(2026, 3, 9)).Single(m => m.Key == "calls").DailyTarget);
    }
}
