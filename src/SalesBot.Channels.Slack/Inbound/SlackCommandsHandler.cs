using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using SalesBot.Channels.Slack.Inbound.Payloads;
using SalesBot.Channels.Slack.Members;
using SalesBot.Channels.Slack.Turns;

namespace SalesBot.Channels.Slack.Inbound;

/// <summary>
/// <c>POST /slack/commands</c>: <c>/checkin</c>, <c>/win</c>, <c>/reflect</c> and <c>/salesbot …</c>. The
/// command runs as the typed command it stands for, in the member's DM; a form in the answer opens
/// straight away as a modal.
/// </summary>
internal sealed class SlackCommandsHandler(SlackRequestReader reader, SlackInteractiveTurns turns)
{
    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var (request, refusal) = await reader.ReadAsync(context);
        if (request is null)
        {
            return refusal!;
        }

        if (SlashCommand.From(request.Form()) is not { } command)
        {
            return Results.BadRequest();
        }

        var inDirectMessage = SlackDirectChannels.IsDirect(command.ChannelId);
        var turn = new SlackTurn
        {
            TeamId = command.TeamId,
            UserId = command.UserId,
            UserName = command.UserName,
            ChannelId = inDirectMessage ? command.ChannelId : null,
            Text = SlashCommandText.ToCommand(command.Command, command.Text),
            // Slash commands are not redelivered; the trigger id is unique per invocation.
            EventId = "command:" + (command.TriggerId ?? Convert.ToHexStringLower(SHA256.HashData(request.Body))[..32]),
        };
        var outcome = await turns.RunAsync(turn, command.TriggerId, null, null);
        var note = outcome switch
        {
            InteractiveOutcome.Failed => "Sorry, I couldn't reach Slack just now. Please try again in a minute.",
            InteractiveOutcome.ModalOpened or _ when inDirectMessage => null,
            InteractiveOutcome.Late => "On it. I'll answer in your direct messages with SalesBot.",
            _ => "Done. I've answered in your direct messages with SalesBot.",
        };

        // Only the person who typed the command sees this (ephemeral); an empty 200 shows nothing.
        return note is null ? Results.Ok() : Results.Json(new { response_type = "ephemeral", text = note });
    }
}
