using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SalesBot.Channels.Slack.AppHome;
using SalesBot.Channels.Slack.Inbound.Payloads;
using SalesBot.Channels.Slack.Members;
using SalesBot.Channels.Slack.Outbound;
using SalesBot.Channels.Slack.Rendering;
using SalesBot.Channels.Slack.Turns;
using SalesBot.Channels.Slack.Work;
using SalesBot.Conversations.Messages;

namespace SalesBot.Channels.Slack.Inbound;

/// <summary>
/// <c>POST /slack/interactivity</c>: button presses (<c>block_actions</c>) and modal submits
/// (<c>view_submission</c>). A submit is validated inline so field errors can be shown in the modal
/// (<c>response_action: errors</c>); a valid one closes the modal and is answered in the DM.
/// </summary>
internal sealed class SlackInteractivityHandler(
    SlackRequestReader reader,
    SlackInteractiveTurns turns,
    SlackTurnRunner runner,
    SlackModals modals,
    SlackBackgroundWork work)
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

        var turn = new SlackTurn
        {
            TeamId = interaction.TeamId,
            UserId = interaction.UserId,
            UserName = interaction.UserName,
            ChannelId = SlackDirectChannels.IsDirect(interaction.ChannelId) ? interaction.ChannelId : null,
            Kind = InboundEventKind.Submission,
            Submission = new FormSubmission(value.Verb, value.Data),
            EventId = $"action:{interaction.UserId}:{action.ActionTs ?? interaction.TriggerId ?? action.ActionId}",
        };
        await turns.RunAsync(turn, interaction.TriggerId, interaction.ChannelId, interaction.MessageTs);
        return Results.Ok();
    }

    private async Task<IResult> OnSubmitAsync(SlackInteraction interaction, SlackView view)
    {
        var metadata = ModalMetadata.Parse(view.PrivateMetadata);
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
            ChannelId = SlackDirectChannels.IsDirect(metadata.ChannelId) ? metadata.ChannelId : null,
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
}
