using SalesBot.Channels.Slack.Rendering;
using SalesBot.Channels.Slack.WebApi;

namespace SalesBot.Channels.Slack.AppHome;

/// <summary>Publishes a member's App Home tab (<c>views.publish</c>).</summary>
public sealed class AppHomePublisher(AppHomeContent content, SlackApiClient api)
{
    public async Task PublishAsync(string teamId, string userId, CancellationToken cancellationToken)
    {
        var message = await content.ForAsync(teamId, userId, cancellationToken);
        await api.PublishHomeAsync(teamId, userId, BlockKitViewRenderer.Home(message), cancellationToken);
    }
}
