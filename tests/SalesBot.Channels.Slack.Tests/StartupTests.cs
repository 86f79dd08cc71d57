using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SalesBot.Channels.Slack.Tests;

/// <summary>
/// Slack settings the host refuses at start-up, checked on the channel's own registration with the
/// validator the host runs when it starts (a start failure inside WebApplicationFactory races its disposal).
/// </summary>
public sealed class StartupTests
{
    [Theory]
    [InlineData("", "Slack:BotToken")]
    [InlineData("xoxp-user-token", "xoxb")]
    public void A_signing_secret_without_a_usable_bot_token_or_oauth_credentials_stops_the_host_at_start_up(string botToken, string named)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Slack:SigningSecret"] = "8f742231b10e8888abcd99yyyzzz85a5", ["Slack:BotToken"] = botToken })
            .Build();
        using var provider = new ServiceCollection().AddLogging().AddSalesBotSlack(configuration).BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }
}
