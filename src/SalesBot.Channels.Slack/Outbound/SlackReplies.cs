using SalesBot.Channels.Http.Charts;
using SalesBot.Channels.Slack.Members;
using SalesBot.Channels.Slack.Rendering;
using SalesBot.Channels.Slack.WebApi;
using SalesBot.Conversations.Messages;

namespace SalesBot.Channels.Slack.Outbound;

/// <summary>
/// Posts a turn's replies into the conversation it came from. After a form submit the summary
/// replaces the message whose button opened the form (when that message is in the member's DM).
/// </summary>
public sealed class SlackReplies(SlackApiClient api, ChartLinks charts)
{
    public async Task DeliverAsync(InboundEvent inbound, TurnResult result, string? threadTs, string? formMessageTs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        ArgumentNullException.ThrowIfNull(result);
        var (teamId, channelId) = (inbound.TenantId, inbound.ConversationId);
        foreach (var reply in result.SenderOnlyReplies)
        {
            // Not in the thread: Slack shows an ephemeral reply in a thread only if the thread is already open.
            await api.PostEphemeralAsync(teamId, channelId, inbound.UserId, BlockKitMessageRenderer.Message(reply, charts.UrlFor), cancellationToken);
        }

        if (result.UpdatesPressedPost is { } post && inbound.PressedMessageId is { Length: > 0 } postTs)
        {
            // The flow checked that this channel and ts are the post it sent.
            await api.UpdateMessageAsync(teamId, channelId, postTs, BlockKitMessageRenderer.Message(post), cancellationToken);
        }

        var replaced = result.ReplacesSubmittedForm;
        if (replaced is not null && formMessageTs is not null && SlackDirectChannels.IsDirect(channelId))
        {
            await api.UpdateMessageAsync(teamId, channelId, formMessageTs, BlockKitMessageRenderer.Message(replaced, charts.UrlFor), cancellationToken);
        }
        else
        {
            replaced = null;
        }

        foreach (var reply in result.Replies.Where(r => !ReferenceEquals(r, replaced)))
        {
            var message = BlockKitMessageRenderer.Message(reply, charts.UrlFor);
            if (threadTs is not null)
            {
                message["thread_ts"] = threadTs;
            }

            await api.PostMessageAsync(teamId, channelId, message, cancellationToken);
        }
    }
}
