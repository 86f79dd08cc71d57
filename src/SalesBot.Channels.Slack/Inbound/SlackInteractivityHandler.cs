using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SalesBot.Channels.Slack.AppHome;
using SalesBot.Channels.Slack.Inbound.Payloads;
using SalesBot.Channels.Slack.Members;
using SalesBot.Channels.Slack.Outbound;
using SalesBot.Channels.Slack.Rendering;
using SalesBot.Channels.Slack.Turns;
using SalesBot.Channels.Slack.WebApi;
using SalesBot.Channels.Slack.Work;
using SalesBot.Conversations.Flows;
using SalesBot.Conversations.Messages;

namespace SalesBot.Channels.Slack.Inbound;

/// <summary>
/// <c>POST /slack/interactivity</c>: button presses (<c>block_actions</c>) and modal submits
/// (<c>view_submission</c>). A submit is validated inline so field errors can be shown in the modal
/// (<c>response_action: errors</c>); a valid one closes the modal and is answered in the DM.
/// </summary>
internal sealed partial class SlackInteractivityHandler(
    SlackRequestReader reader,
    SlackInteractiveTurns turns,
    SlackTurnRunner runner,
    SlackModals modals,
    SlackBackgroundWork work,
    SlackDirectChannels directChannels,
    ILogger<SlackInteractivityHandler> logger)
{
    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var (request, refusal) = await reader.ReadAsync(context);
        if (request is null)
        {
            return refusal!;
        }

        var form = request.Form();
        if (SlackInteraction.Parse(form.TryGetValue("payload", out var payload) ? payload.ToString() : null) is not { } interaction)
        {
            return Results.BadRequest();
        }

        return interaction.Type switch
        {
            "block_actions" => await OnButtonAsync(interaction),
            "view_submission" when interaction.View is { } view => await OnSubmitAsync(interaction, view),
            _ => Results.Ok(),
        };
    }

    private async Task<IResult> OnButtonAsync(SlackInteraction interaction)
    {
        if (interaction.Actions.Count == 0)
        {
            return Results.Ok();
        }

        var action = interaction.Actions[0];
        var value = ButtonValue.Parse(action.Value, action.ActionId);
        if (value.FormMessage is { } formMessage && interaction.TriggerId is { } trigger)
        {
            // The button carries its form: open it without a round trip through the flows.
            var metadata = new ModalMetadata(interaction.ChannelId, interaction.MessageTs, formMessage.Form!.Data ?? new Dictionary<string, string>());
            await modals.TryOpenAsync(interaction.TeamId, trigger, formMessage, metadata, CancellationToken.None);
            return Results.Ok();
        }

        // A kudos button on a win's post in the team channel is answered there: the post updated with
        // chat.update, a refusal shown to the presser alone. The flow checks the channel and ts.
        var onChannelPost = value.Verb == KudosPost.Verb && interaction.ChannelId is { Length: > 0 } && !SlackDirectChannels.IsDirect(interaction.ChannelId);
        var turn = new SlackTurn
        {
            TeamId = interaction.TeamId,
            UserId = interaction.UserId,
            UserName = interaction.UserName,
            ChannelId = SlackDirectChannels.IsDirect(interaction.ChannelId) || onChannelPost ? interaction.ChannelId : null,
            Scope = onChannelPost ? ConversationScope.Channel : ConversationScope.Personal,
            PressedMessageTs = interaction.MessageTs,
            Kind = InboundEventKind.Submission,
            Submission = new FormSubmission(value.Verb, value.Data),
            EventId = $"action:{interaction.UserId}:{action.ActionTs ?? interaction.TriggerId ?? action.ActionId}",
        };
        await turns.RunAsync(turn, interaction.TriggerId, interaction.ChannelId, interaction.MessageTs);
        return Results.Ok();
    }

    private async Task<IResult> OnSubmitAsync(SlackInteraction interaction, SlackView view)
    {
        var metadata = await OwnMetadataAsync(interaction, ModalMetadata.Parse(view.PrivateMetadata));
        var values = new Dictionary<string, string>(view.Values, StringComparer.Ordinal);
        foreach (var (key, data) in metadata.Data)
        {
            values[key] = data; // the form's own data (e.g. its report date) is not the member's to change
        }

        var turn = new SlackTurn
        {
            TeamId = interaction.TeamId,
            UserId = interaction.UserId,
            UserName = interaction.UserName,
            ChannelId = metadata.ChannelId,
            Kind = InboundEventKind.Submission,
            Submission = new FormSubmission(view.CallbackId, values),
            EventId = view.SubmissionId(),
            FormMessageTs = metadata.MessageTs,
        };

        var finished = await runner.RunWithinBudgetAsync(turn, (inbound, result, cancellationToken) =>
        {
            turns.Queue(turn, inbound, result);
            return Task.CompletedTask;
        });
        if (finished is not { } done)
        {
            return Results.Ok(); // closes the modal; the answer follows in the DM
        }

        var (inbound, result) = done;
        if (result.FieldErrors.Count > 0)
        {
            // The modal stays open with the problems under the inputs; nothing was saved.
            return Results.Text(BlockKitViewRenderer.Errors(view.BlockIds, result.FieldErrors).ToJsonString(), "application/json");
        }

        turns.Queue(turn, inbound, result);
        // The Home tab shows today's status and the streak, which a submit may just have changed.
        work.TryEnqueue("slack.app_home", (services, cancellationToken) =>
            services.GetRequiredService<AppHomePublisher>().PublishAsync(turn.TeamId, turn.UserId, cancellationToken));
        return Results.Ok();
    }

    /// <summary>
    /// The metadata travelled through the client, so its channel and message are the sender's only when
    /// they name the sender's own DM with the bot (as Slack tells the server); otherwise they are dropped
    /// and the answer goes to the sender's DM as a new message. The form data stays: flows check it.
    /// </summary>
    private async Task<ModalMetadata> OwnMetadataAsync(SlackInteraction interaction, ModalMetadata metadata)
    {
        if (metadata.ChannelId is null && metadata.MessageTs is null)
        {
            return metadata;
        }

        if (SlackDirectChannels.IsDirect(metadata.ChannelId))
        {
            try
            {
                var own = await directChannels.GetAsync(interaction.TeamId, interaction.UserId, CancellationToken.None);
                if (own == metadata.ChannelId)
                {
                    return metadata;
                }
            }
            catch (Exception ex) when (ex is SlackApiException or HttpRequestException)
            {
                LogMetadataUnchecked(logger, interaction.UserId, ex.Message);
                return metadata with { ChannelId = null, MessageTs = null };
            }
        }

        LogForeignMetadata(logger, interaction.TeamId, interaction.UserId, metadata.ChannelId);
        return metadata with { ChannelId = null, MessageTs = null };
    }

    [LoggerMessage(EventId = 4801, Level = LogLevel.Warning, Message = "A modal submit in team {TeamId} by {UserId} named channel {ChannelId}, not the sender's DM; answered in the sender's DM instead")]
    private static partial void LogForeignMetadata(ILogger logger, string teamId, string userId, string? channelId);

    [LoggerMessage(EventId = 4802, Level = LogLevel.Warning, Message = "Could not look up the DM of {UserId} to check a modal's metadata ({Reason}); answered as a new message")]
    private static partial void LogMetadataUnchecked(ILogger logger, string userId, string reason);
}
