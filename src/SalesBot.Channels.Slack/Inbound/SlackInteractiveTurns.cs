using SalesBot.Channels.Slack.Outbound;
using SalesBot.Channels.Slack.Rendering;
using SalesBot.Channels.Slack.Turns;
using SalesBot.Channels.Slack.Work;
using SalesBot.Conversations.Messages;

namespace SalesBot.Channels.Slack.Inbound;

/// <summary>
/// Turns that come with a trigger id (slash commands, button presses): the turn runs within the
/// inline budget so that a form in its answer can open as a modal while the trigger is valid; the
/// other replies are posted in the background. A turn that runs late answers in the DM, forms as buttons.
/// </summary>
internal sealed class SlackInteractiveTurns(SlackTurnRunner runner, SlackModals modals, SlackReplies replies, SlackBackgroundWork work)
{
    /// <summary>True when the turn finished in time (and its replies are on their way).</summary>
    public async Task<bool> RunAsync(SlackTurn turn, string? triggerId, string? originChannelId, string? originMessageTs)
    {
        var finished = await runner.RunWithinBudgetAsync(turn, (inbound, result, cancellationToken) =>
            Deliver(turn, inbound, result, cancellationToken));
        if (finished is not { } done)
        {
            return false;
        }

        var (inbound, result) = done;
        var form = result.Replies.FirstOrDefault(r => r.Form is not null);
        if (form is not null && triggerId is not null)
        {
            var metadata = new ModalMetadata(originChannelId ?? inbound.ConversationId, originMessageTs, form.Form!.Data ?? new Dictionary<string, string>());
            if (await modals.TryOpenAsync(turn.TeamId, triggerId, form, metadata, CancellationToken.None))
            {
                result = result with { Replies = result.Replies.Where(r => !ReferenceEquals(r, form)).ToList() };
            }
        }

        if (result.Replies.Count > 0)
        {
            Queue(turn, inbound, result);
        }

        return true;
    }

    /// <summary>Queues a finished turn's replies (and the update of the form's message) for posting.</summary>
    public bool Queue(SlackTurn turn, InboundEvent inbound, TurnResult result) =>
        work.TryEnqueue("slack.replies", (_, cancellationToken) => Deliver(turn, inbound, result, cancellationToken));

    private Task Deliver(SlackTurn turn, InboundEvent inbound, TurnResult result, CancellationToken cancellationToken) =>
        replies.DeliverAsync(turn.TeamId, inbound.ConversationId, result, turn.ThreadTs, turn.FormMessageTs, cancellationToken);
}
