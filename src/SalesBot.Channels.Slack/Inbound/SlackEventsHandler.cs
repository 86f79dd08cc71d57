using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SalesBot.Channels.Slack.AppHome;
using SalesBot.Channels.Slack.Inbound.Payloads;
using SalesBot.Channels.Slack.Members;
using SalesBot.Channels.Slack.Outbound;
using SalesBot.Channels.Slack.Turns;
using SalesBot.Channels.Slack.Work;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;

namespace SalesBot.Channels.Slack.Inbound;

/// <summary>
/// <c>POST /slack/events</c>: answers <c>url_verification</c>, and acknowledges each event at once,
/// leaving the work (the turn, replies, App Home) to the background. Slack's redeliveries carry the
/// same <c>event_id</c>, which the engine drops.
/// </summary>
internal sealed partial class SlackEventsHandler(
    SlackRequestReader reader,
    SlackBackgroundWork work,
    SlackDirectChannels directChannels,
    ILogger<SlackEventsHandler> logger)
{
    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var (request, refusal) = await reader.ReadAsync(context);
        if (request is null)
        {
            return refusal!;
        }

        var envelope = SlackEventEnvelope.Parse(request.Body);
        if (envelope is null)
        {
            return Results.BadRequest();
        }

        if (envelope.Type == "url_verification")
        {
            return Results.Text(envelope.Challenge ?? string.Empty, "text/plain");
        }

        if (envelope is not { Type: "event_callback", Event: { } ev, TeamId: { } teamId, EventId: { } eventId })
        {
            return Results.Ok();
        }

        if (request.IsRetry)
        {
            LogRedelivery(logger, eventId, request.RetryNum!, request.RetryReason);
        }

        var queued = ev.Type switch
        {
            "message" => OnDirectMessage(teamId, eventId, ev),
            "app_mention" => OnMention(teamId, eventId, ev, envelope.BotUserId),
            "app_home_opened" => OnHomeOpened(teamId, eventId, ev),
            "member_joined_channel" => OnMemberJoined(teamId, eventId, ev, envelope.BotUserId),
            _ => true,
        };
        return queued ? Results.Ok() : Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
    }

    private bool OnDirectMessage(string teamId, string eventId, SlackEvent ev)
    {
        if (ev.ChannelType != "im" || ev.IsFromBotOrSystem || ev is not { User: { } user, Channel: { } channel })
        {
            return true;
        }

        directChannels.Remember(teamId, user, channel);
        return Enqueue(new SlackTurn
        {
            TeamId = teamId,
            UserId = user,
            ChannelId = channel,
            Text = SlackText.ToPlain(ev.Text),
            EventId = eventId,
        });
    }

    private bool OnMention(string teamId, string eventId, SlackEvent ev, string? botUserId)
    {
        if (ev.IsFromBotOrSystem || ev is not { User: { } user, Channel: { } channel })
        {
            return true;
        }

        return Enqueue(new SlackTurn
        {
            TeamId = teamId,
            UserId = user,
            ChannelId = channel,
            Scope = SlackDirectChannels.IsDirect(channel) ? ConversationScope.Personal : ConversationScope.Channel,
            Text = SlackText.ToPlain(SlackText.WithoutBotMention(ev.Text, botUserId)),
            EventId = eventId,
            ThreadTs = ev.Ts,
        });
    }

    /// <summary>A member opening the app: the first time, the bot introduces itself; the Home tab is (re)published.</summary>
    private bool OnHomeOpened(string teamId, string eventId, SlackEvent ev)
    {
        if (ev is not { User: { } user })
        {
            return true;
        }

        if (ev.Channel is { } channel)
        {
            directChannels.Remember(teamId, user, channel);
        }

        return work.TryEnqueue("slack.app_home_opened", async (services, cancellationToken) =>
        {
            var members = services.GetRequiredService<IMemberStore>();
            var known = await members.FindByChannelAccountAsync(new ChannelAccount(Conversations.Messages.Channels.Slack, teamId, user), cancellationToken);
            if (known is null)
            {
                await RunAndReplyAsync(services, new SlackTurn
                {
                    TeamId = teamId,
                    UserId = user,
                    ChannelId = SlackDirectChannels.IsDirect(ev.Channel) ? ev.Channel : null,
                    Kind = InboundEventKind.Installed,
                    EventId = eventId,
                }, cancellationToken);
            }

            if (ev.Tab is null or "home")
            {
                await services.GetRequiredService<AppHomePublisher>().PublishAsync(teamId, user, cancellationToken);
            }
        });
    }

    /// <summary>The bot joining a channel makes it the team's channel for win posts; other joins are not the bot's business.</summary>
    private bool OnMemberJoined(string teamId, string eventId, SlackEvent ev, string? botUserId)
    {
        if (ev is not { User: { } joined, Channel: { } channel } || botUserId is null || joined != botUserId)
        {
            return true;
        }

        if (ev.Inviter is not { } inviter)
        {
            LogJoinedWithoutInviter(logger, channel, teamId);
            return true;
        }

        return Enqueue(new SlackTurn
        {
            TeamId = teamId,
            UserId = inviter,
            ChannelId = channel,
            Scope = ConversationScope.Channel,
            Kind = InboundEventKind.AddedToChannel,
            EventId = eventId,
        });
    }

    private bool Enqueue(SlackTurn turn) =>
        work.TryEnqueue("slack.event", (services, cancellationToken) => RunAndReplyAsync(services, turn, cancellationToken));

    private static async Task RunAndReplyAsync(IServiceProvider services, SlackTurn turn, CancellationToken cancellationToken)
    {
        var (inbound, result) = await services.GetRequiredService<SlackTurnRunner>().RunAsync(turn, cancellationToken);
        await services.GetRequiredService<SlackReplies>().DeliverAsync(inbound, result, turn.ThreadTs, null, cancellationToken);
    }

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Slack redelivered event {EventId} (retry {RetryNum}, {Reason})")]
    private static partial void LogRedelivery(ILogger logger, string eventId, string retryNum, string? reason);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Bot joined channel {Channel} in team {TeamId} without an inviter; not taken as the team channel")]
    private static partial void LogJoinedWithoutInviter(ILogger logger, string channel, string teamId);
}
