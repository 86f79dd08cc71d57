using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Host.Demo;
using SalesBot.Testing;
using SalesBot.Testing.Web;

namespace SalesBot.Host.Tests;

/// <summary>
/// The demo in the playground: Morgan sets up a metric for Fay, the new hire, and Diego's seeded
/// month of calls makes his next check-in nudge Morgan, who raises the target with one click.
/// </summary>
public sealed class DemoMetricsTests : IClassFixture<SalesBotAppFactory>
{
    private readonly SalesBotAppFactory _app;

    public DemoMetricsTests(SalesBotAppFactory app) => _app = app;

    [Fact]
    public async Task The_manager_sets_up_a_new_hires_metric_and_gets_a_proficiency_nudge_from_the_seeded_history()
    {
        var fay = (await _app.Services.GetRequiredService<IMemberStore>().GetAsync(DemoTeam.TeamId, DemoTeam.NewHireId))!.Value;
        Assert.Equal(["calls:20", "meetings:2"], fay.Metrics.Select(m => $"{m.Key}:{m.DailyTarget}"));
        var morgan = new DirectLineClient(_app.CreateClient());
        await morgan.StartAsync();
        await morgan.BotRepliesAsync();

        await morgan.SayAsync(DemoTeam.ManagerId, "metrics Fay add proposals 1");
        Assert.Contains("Fay Nguyen's lead metrics from", string.Join("\n", (await morgan.BotRepliesAsync()).Select(DirectLineClient.Words)), StringComparison.Ordinal);

        var diego = new DirectLineClient(_app.CreateClient());
        await diego.StartAsync();
        await diego.SayAsync(DemoTeam.ProficientRepId, "calls 31, meetings 1, proposals 0");
        Assert.NotNull(await _app.Services.GetRequiredService<IOutbox>().GetAsync("proficiency:demo-diego:calls:30"));
        await morgan.SayAsync(DemoTeam.ManagerId, "status");
        await morgan.BotRepliesAsync();
        using (var scope = _app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchDueAsync();
        }

        var nudge = Assert.Single(await morgan.BotRepliesAsync(), a => DirectLineClient.Words(a).Contains("proficient on Calls", StringComparison.Ordinal));
        var raise = DirectLineClient.Card(nudge)!["actions"]!.AsArray().Select(a => a!.AsObject())
            .Single(a => a["title"]!.GetValue<string>().StartsWith("Raise the Calls target to 35", StringComparison.Ordinal));
        await morgan.SubmitAsync(DemoTeam.ManagerId, raise["data"]!.DeepClone().AsObject());

        Assert.Contains("Calls 35 a day", string.Join("\n", (await morgan.BotRepliesAsync()).Select(DirectLineClient.Words)), StringComparison.Ordinal);
        var after = (await _app.Services.GetRequiredService<IMemberStore>().GetAsync(DemoTeam.TeamId, DemoTeam.ProficientRepId))!.Value;
        Assert.Equal(35, after.Metrics.Single(m => m.Key == "calls").DailyTarget);
        Assert.Equal(30, after.MetricsOn(TestData.Friday).Single(m => m.Key == "calls").DailyTarget);
    }
}
