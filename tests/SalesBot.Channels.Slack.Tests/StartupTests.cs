using Microsoft.Extensions.Options;
using SalesBot.Channels.Slack.Tests.Infrastructure;

namespace SalesBot.Channels.Slack.Tests;

public sealed class StartupTests
{
    [Fact]
    public async Task A_signing_secret_without_a_token_or_oauth_credentials_stops_the_host_at_start_up()
    {
        await using var api = await FakeSlackApi.StartAsync();
        await using var app = await SlackApp.StartAsync(api, new Dictionary<string, string?> { ["Slack:BotToken"] = "" });

        var ex = Assert.Throws<OptionsValidationException>(() => app.Client);

        Assert.Contains("Slack:BotToken", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_token_in_place_of_a_bot_token_stops_the_host_at_start_up()
    {
        await using var api = await FakeSlackApi.StartAsync();
        await using var app = await SlackApp.StartAsync(api, new Dictionary<string, string?> { ["Slack:BotToken"] = "xoxp-user-token" });

        var ex = Assert.Throws<OptionsValidationException>(() => app.Client);

        Assert.Contains("xoxb", ex.Message, StringComparison.Ordinal);
    }
}
