using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SalesBot.Conversations.Outbox;
using SalesBot.Testing.Web;

namespace SalesBot.Host.Tests;

/// <summary>
/// Kudos in the playground: a teammate presses "👏 Kudos" on a win's post in the team channel pane and
/// the post comes again over Direct Line under the same id, showing the count (Web Chat replaces it in place).
/// </summary>
public sealed class DirectLineKudosTests : IClassFixture<SalesBotAppFactory>
{
    private readonly SalesBotAppFactory _app;

    public DirectLineKudosTests(SalesBotAppFactory app) => _app = app;

    [Fact]
    public async Task A_teammates_kudos_updates_the_post_in_the_channel_under_the_same_id()
    {
        var channel = new DirectLineClient(_app.CreateClient());
        await channel.StartAsync(teamId: "demo-team");
        await channel.BotRepliesAsync();
        var chat = new DirectLineClient(_app.CreateClient());
        await chat.StartAsync();
        await chat.SayAsync("demo-ben", "win booked a demo with Tailspin for kudos");
        using (var scope = _app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchDueAsync();
        }

        var post = Assert.Single(await channel.BotRepliesAsync(), p => DirectLineClient.Words(p).Contains("Tailspin for kudos", StringComparison.Ordinal));
        var button = DirectLineClient.Card(post)!["actions"]!.AsArray().Single(a => (string?)a!["title"] == "👏 Kudos")!;
        Assert.Equal("Action.Submit", (string?)button["type"]);

        await channel.SubmitAsync("demo-chloe", (JsonObject)button["data"]!.DeepClone());

        var updated = Assert.Single(await channel.BotRepliesAsync());
        Assert.Equal((string?)post["id"], (string?)updated["id"]);
        Assert.Equal((string?)post["timestamp"], (string?)updated["timestamp"]);
        Assert.Contains("👏 1 — Chloe Martin", DirectLineClient.Words(updated), StringComparison.Ordinal);

        // A second press by the same teammate changes nothing; the playground answers in the channel.
        await channel.SubmitAsync("demo-chloe", (JsonObject)button["data"]!.DeepClone());
        var answer = Assert.Single(await channel.BotRepliesAsync());
        Assert.NotEqual((string?)post["id"], (string?)answer["id"]);
        Assert.Contains("already given Ben Okafor kudos", DirectLineClient.Words(answer), StringComparison.Ordinal);
    }
}
