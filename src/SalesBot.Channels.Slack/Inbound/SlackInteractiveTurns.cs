using Microsoft.Extensions.Logging;
using SalesBot.Channels.Slack.Outbound;
using SalesBot.Channels.Slack.Rendering;
using SalesBot.Channels.Slack.Turns;
using SalesBot.Channels.Slack.WebApi;
using SalesBot.Channels.Slack.Work;
using SalesBot.Conversations.Messages;

namespace SalesBot.Channels.Slack.Inbound;

/// <summary>How an interactive turn went, so the request can be answered accordingly.</summary>
internal enum InteractiveOutcome
{
    /// <summary>A form opened as a modal and nothing else needed saying.</summary>
    ModalOpened,

    /// <summary>Replies are on their way to the member's DM.</summary>
    Replied,

    /// <summary>The turn outlived the inline budget; its replies follow in the DM.</summary>
    Late,

    /// <summary>Slack could not be reached to answer.</summary>
    Failed,
}

/// <summary>
/// Turns that come with a trigger id (slash commands, button presses): the turn runs within the
/// inline budget so that a form in its answer can open as a modal while the trigger is valid; the
/// other replies are posted in the background. A turn that runs late answers in the DM, forms as buttons.
/// </summary>
internal sealed partial class SlackInteractiveTurns(
    SlackTurnRunner runner,
    SlackModals modals,
    SlackReplies replies,
    SlackBackgroundWork work,
    ILogger<SlackInteractiveTurns> logger)
{
    public async Task<InteractiveOutcome> RunAsync(SlackTurn turn, string? triggerId, string? originChannelId, string? originMessageTs)
    {
        (InboundEvent Inbound, TurnResult Result)? finished;
        try
        {
            finished = await runner.RunWithinBudgetAsync(turn, (inbound, result, cancellationToken) =>
                Deliver(turn, inbound, result, cancellationToken));
        }
        catch (Exception ex) when (ex is SlackApiException or HttpRequestException)
        {
            LogTurnFailed(logger, turn.EventId, ex.Message);
            return InteractiveOutcome.Failed;
        }

        if (finished is not { } done)
        {
            return InteractiveOutcome.Late;
        }

        var (inbound, result) = done;
        var opened = false;
        var form = result.Replies.FirstOrDefault(r => r.Form is not null);
        if (form is not null && triggerId is not null)
        {
            var metadata = new ModalMetadata(originChannelId ?? inbound.ConversationId, originMessageTs, form.Form!.Data ?? new Dictionary<string, string>());
            opened = await modals.TryOpenAsync(turn.TeamId, triggerId, form, metadata, CancellationToken.None);
            if (opened)
            {
                result = result with { Replies = result.Replies.Where(r => !ReferenceEquals(r, form)).ToList() };
            }
        }

        if (result.Replies.Count == 0 && result.SenderOnlyReplies.Count == 0 && result.UpdatesPressedPost is null)
        {
            return opened ? InteractiveOutcome.ModalOpened : InteractiveOutcome.Replied;
        }

        Queue(turn, inbound, result);
        return InteractiveOutcome.Replied;
    }

    /// <summary>Queues a finished turn's replies (and the update of the form's message) for posting.</summary>
    public bool Queue(SlackTurn turn, InboundEvent inbound, TurnResult result) =>
        work.TryEnqueue("slack.replies", (_, cancellationToken) => Deliver(turn, inbound, result, cancellationToken));

    private Task Deliver(SlackTurn turn, InboundEvent inbound, TurnResult result, CancellationToken cancellationToken) =>
        replies.DeliverAsync(inbound, result, turn.ThreadTs, turn.FormMessageTs, cancellationToken);

    [LoggerMessage(EventId = 4701, Level = LogLevel.Warning, Message = "Slack turn {EventId} could not be answered: {Reason}")]
    private static partial void LogTurnFailed(ILogger logger, string eventId, string reason);
}
