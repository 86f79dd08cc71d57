using Microsoft.Extensions.Options;
using SalesBot.Channels.Slack.WebApi;
using SalesBot.Conversations.Ports;

namespace SalesBot.Channels.Slack.Installations;

/// <summary>The bot token for a workspace: its OAuth installation if it has one, else <c>Slack:BotToken</c>.</summary>
public sealed class SlackBotTokens(IInstallationStore installations, IOptions<SlackOptions> options)
{
    public async Task<string> GetAsync(string teamId, CancellationToken cancellationToken)
    {
        if (await installations.FindAsync(Conversations.Messages.Channels.Slack, teamId, cancellationToken) is { } installation)
        {
            return installation.BotToken;
        }

        return options.Value.BotToken is { Length: > 0 } single
            ? single
            : throw new SlackApiException("token", "not_installed", $"no bot token for team {teamId}");
    }
}
