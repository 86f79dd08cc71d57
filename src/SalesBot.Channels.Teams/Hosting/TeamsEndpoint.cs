using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using SalesBot.Channels.Http.Charts;
using SalesBot.Channels.Http.Inbound;
using SalesBot.Channels.Teams.Activities;
using SalesBot.Channels.Teams.Auth;
using SalesBot.Channels.Teams.Cards;
using SalesBot.Channels.Teams.Connector;
using SalesBot.Conversations;
using SalesBot.Conversations.Messages;

namespace SalesBot.Channels.Teams.Hosting;

/// <summary>
/// <c>POST /api/messages</c>: authenticates the caller, reads the activity, hands it to the engine
/// as an <see cref="InboundEvent"/> and sends the replies through the connector. Status codes follow
/// the Bot Framework: 401 for a bad or missing token (nothing else is looked at), 400 for JSON that is
/// not an activity, 413 past the size cap, 200 for handled and ignored activities, invoke responses
/// with their bodies, 501 for invokes the bot does not implement.
/// </summary>
public sealed partial class TeamsEndpoint(
    BotAuthenticator authenticator,
    ConnectorClient connector,
    IOptions<TeamsOptions> options,
    IClock clock,
    ILogger<TeamsEndpoint> logger,
    ChartLinks charts)
{
    public const string AdaptiveCardActionInvoke = "adaptiveCard/action";
    public const string InvokeCardType = "application/vnd.microsoft.card.adaptive";
    public const string InvokeMessageType = "application/vnd.microsoft.activity.message";
    public const string InvokeErrorType = "application/vnd.microsoft.error";

    private readonly TeamsOptions _options = options.Value;

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ct = context.RequestAborted;
        if (context.Request.ContentLength > _options.MaxRequestBytes)
        {
            await ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, $"Activity larger than {_options.MaxRequestBytes} bytes.");
            return;
        }

        var auth = await authenticator.AuthenticateAsync(context.Request.Headers.Authorization.ToString() is { Length: > 0 } h ? h : null, ct);
        if (auth.Caller is not { } caller)
        {
            LogUnauthorized(logger, auth.Failure);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        var body = await CappedBody.ReadAsync(context.Request, _options.MaxRequestBytes, ct);
        if (body is null)
        {
            await ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, $"Activity larger than {_options.MaxRequestBytes} bytes.");
            return;
        }

        if (ActivityGuard.Problem(body) is { } problem)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, problem);
            return;
        }

        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize<Activity>(body, ActivityJson.Options);
        }
        catch (JsonException ex)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, $"Malformed activity JSON: {ex.Message}");
            return;
        }

        if (activity is null || string.IsNullOrWhiteSpace(activity.Type))
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "Activity has no type.");
            return;
        }

        if (BotAuthenticator.CheckActivity(caller, activity) is { } mismatch)
        {
            LogUnauthorized(logger, mismatch);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        if (IsConversational(activity.Type) &&
            (activity.From?.Id is not { Length: > 0 } || activity.Conversation?.Id is not { Length: > 0 } || string.IsNullOrWhiteSpace(activity.ServiceUrl)))
        {
            if (activity.Type is ActivityTypes.ConversationUpdate or ActivityTypes.InstallationUpdate)
            {
                // Notifications are not retried by the service on 200; there is nobody to greet or remember.
                LogIgnored(logger, activity.Type, "no from.id, conversation.id or serviceUrl");
                context.Response.StatusCode = StatusCodes.Status200OK;
                return;
            }

            await ErrorAsync(context, StatusCodes.Status400BadRequest, "Activity needs from.id, conversation.id and serviceUrl.");
            return;
        }

        if (TeamsActivity.TenantConflict(activity) is { } conflict)
        {
            // Teams always names one tenant in both places; two different ones mean the activity was made up.
            await ErrorAsync(context, StatusCodes.Status400BadRequest, conflict);
            return;
        }

        var engine = context.RequestServices.GetRequiredService<IConversationEngine>();
        switch (activity.Type)
        {
            case ActivityTypes.Message:
                await OnMessageAsync(engine, activity, ct);
                context.Response.StatusCode = StatusCodes.Status200OK;
                break;
            case ActivityTypes.Invoke:
                await OnInvokeAsync(context, engine, activity, ct);
                break;
            case ActivityTypes.ConversationUpdate:
                await OnConversationUpdateAsync(engine, activity, ct);
                context.Response.StatusCode = StatusCodes.Status200OK;
                break;
            case ActivityTypes.InstallationUpdate:
                await OnInstallationUpdateAsync(engine, activity, ct);
                context.Response.StatusCode = StatusCodes.Status200OK;
                break;
            case ActivityTypes.MessageReaction:
                LogReaction(logger, activity.ReplyToId, activity.Conversation?.Id);
                context.Response.StatusCode = StatusCodes.Status200OK;
                break;
            default:
                LogIgnored(logger, activity.Type, activity.Name);
                context.Response.StatusCode = StatusCodes.Status200OK;
                break;
        }
    }

    private static bool IsConversational(string type) =>
        type is ActivityTypes.Message or ActivityTypes.Invoke or ActivityTypes.ConversationUpdate or ActivityTypes.InstallationUpdate;

    private async Task OnMessageAsync(IConversationEngine engine, Activity activity, CancellationToken ct)
    {
        var inbound = ToInbound(activity);
        if (inbound.Kind == InboundEventKind.Submission)
        {
            inbound = inbound with { PressedMessageId = activity.ReplyToId };
        }

        var result = await engine.HandleAsync(inbound, ct);
        var replies = result.Replies.ToList();
        await UpdatePressedPostAsync(activity, result, ct);

        // Action.Submit: the card that was submitted is the activity this one replies to; replace it.
        if (inbound.Kind == InboundEventKind.Submission && activity.ReplyToId is { Length: > 0 } cardId)
        {
            Activity? replacement = null;
            if (result.ReplacesSubmittedForm is { } summary)
            {
                replacement = ReadOnlyCard(summary);
                replies.Remove(summary);
            }
            else if (result.FieldErrors.Count > 0 && replies.FirstOrDefault(r => r.Form is not null) is { } form)
            {
                replacement = ActivityMapper.ToActivity(form, CardActionStyle.Execute);
                replies.Remove(form);
            }

            if (replacement is not null)
            {
                Address(replacement, activity);
                var updated = await connector.UpdateAsync(activity.ServiceUrl!, activity.Conversation!.Id!, cardId, replacement, ct);
                LogIfFailed(updated, "update card");
            }
        }

        await ReplyAsync(activity, replies, ct);
    }

    private async Task OnInvokeAsync(HttpContext context, IConversationEngine engine, Activity activity, CancellationToken ct)
    {
        if (activity.Name != AdaptiveCardActionInvoke)
        {
            LogIgnored(logger, activity.Type!, activity.Name);
            context.Response.StatusCode = StatusCodes.Status501NotImplemented;
            return;
        }

        if (SubmissionReader.FromInvokeValue(activity.Value) is not { } submission)
        {
            await InvokeResponseAsync(context, 400, InvokeErrorType, new JsonObject { ["code"] = "BadRequest", ["message"] = "adaptiveCard/action without action.verb." });
            return;
        }

        var inbound = ToInbound(activity) with { Kind = InboundEventKind.Submission, Submission = submission, Text = null, PressedMessageId = activity.ReplyToId };
        // The invoke's answer is shown to the presser alone, so a refusal in a channel need not go anywhere else.
        inbound = inbound with { CanReplyToSenderAlone = inbound.Scope != ConversationScope.Personal };
        var result = await engine.HandleAsync(inbound, ct);
        var replies = result.Replies.ToList();
        if (result.UpdatesPressedPost is { } post)
        {
            // Everyone sees the new count through the update; the presser's card is replaced by the answer at once.
            await UpdatePressedPostAsync(activity, result, ct);
            await ReplyAsync(activity, replies, ct);
            await InvokeResponseAsync(context, 200, InvokeCardType, AdaptiveCardRenderer.Render(post, CardActionStyle.Execute));
            return;
        }

        if (result.SenderOnlyReplies.Count > 0)
        {
            await ReplyAsync(activity, replies, ct);
            var privately = string.Join(" ", result.SenderOnlyReplies.Select(r => r.Text));
            await InvokeResponseAsync(context, 200, InvokeMessageType, JsonValue.Create(privately));
            return;
        }
        if (result.ReplacesSubmittedForm is { } summary)
        {
            replies.Remove(summary);
            await ReplyAsync(activity, replies, ct);
            await InvokeResponseAsync(context, 200, InvokeCardType, AdaptiveCardRenderer.RenderReadOnly(summary, charts.UrlFor));
            return;
        }

        if (result.FieldErrors.Count > 0)
        {
            // The card stays, shown again with the problems under the inputs (or as a message when the
            // flow did not send the form back).
            if (replies.FirstOrDefault(r => r.Form is not null) is { } form)
            {
                await InvokeResponseAsync(context, 200, InvokeCardType, AdaptiveCardRenderer.Render(form, CardActionStyle.Execute));
            }
            else
            {
                await InvokeResponseAsync(context, 200, InvokeMessageType, JsonValue.Create(string.Join(" ", result.FieldErrors.Values)));
            }

            return;
        }

        // The invoke's answer says what the posted replies say (for an unknown button, that it is out of date), never a contradicting "Done.".
        await ReplyAsync(activity, replies, ct);
        var said = replies.Select(r => r.Text).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t));
        await InvokeResponseAsync(context, 200, InvokeMessageType, JsonValue.Create(said ?? (replies.Count > 0 ? "Done." : "Already done.")));
    }

    /// <summary>A post whose button was pressed (kudos) is replaced for everyone with the connector's update.</summary>
    private async Task UpdatePressedPostAsync(Activity activity, TurnResult result, CancellationToken ct)
    {
        if (result.UpdatesPressedPost is not { } post || activity.ReplyToId is not { Length: > 0 } postId)
        {
            return;
        }

        var updated = ActivityMapper.ToActivity(post, CardActionStyle.Execute);
        Address(updated, activity);
        updated.Recipient = null;
        LogIfFailed(await connector.UpdateAsync(activity.ServiceUrl!, activity.Conversation!.Id!, postId, updated, ct), "update the post");
    }

    private async Task OnConversationUpdateAsync(IConversationEngine engine, Activity activity, CancellationToken ct)
    {
        var botId = activity.Recipient?.Id;
        var added = activity.MembersAdded ?? [];
        if (added.Any(m => m.Id is not null && m.Id == botId))
        {
            await OnBotAddedAsync(engine, activity, ct);
        }

        var people = added.Where(m => m.Id is { Length: > 0 } && m.Id != botId).ToList();
        if (people.Count > 0 && ActivityMapper.ScopeOf(activity.Conversation) == ConversationScope.Channel)
        {
            var names = string.Join(", ", people.Select(p => string.IsNullOrWhiteSpace(p.Name) ? "new teammate" : p.Name));
            var greeting = OutboundMessage.Plain(
                $"Welcome to the team, {names}! I'm SalesBot. Open a 1:1 chat with me and type \"check in\" to start your daily check-ins; wins get celebrated here.");
            await SendToChannelAsync(activity, greeting, ct);
        }

        if (activity.MembersAdded is null && activity.MembersRemoved is null)
        {
            LogIgnored(logger, activity.Type!, EventTypeOf(activity));
        }
    }

    private async Task OnInstallationUpdateAsync(IConversationEngine engine, Activity activity, CancellationToken ct)
    {
        if (activity.Action == "add")
        {
            await OnBotAddedAsync(engine, activity, ct);
            return;
        }

        LogIgnored(logger, activity.Type!, activity.Action);
    }

    /// <summary>
    /// The app was installed for a person (personal scope) or added to a team. Teams says so twice
    /// (installationUpdate and conversationUpdate, different ids, and for a team possibly different
    /// channels), so both get one event id per team (or personal conversation) and day: one greeting.
    /// </summary>
    private async Task OnBotAddedAsync(IConversationEngine engine, Activity activity, CancellationToken ct)
    {
        var scope = ActivityMapper.ScopeOf(activity.Conversation);
        if (scope == ConversationScope.Group)
        {
            LogIgnored(logger, activity.Type!, "group chat install");
            return;
        }

        var inbound = ToInbound(activity);
        var day = inbound.Timestamp.InUtc().Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        inbound = inbound with
        {
            Kind = scope == ConversationScope.Channel ? InboundEventKind.AddedToChannel : InboundEventKind.Installed,
            Text = null,
            Submission = null,
            // A team install is announced twice, possibly naming two channels (General and the one picked): key it by team.
            EventId = scope == ConversationScope.Channel && TeamsActivity.TeamIdOf(activity) is { Length: > 0 } team
                ? $"added:team:{team}:{day}"
                : $"added:{inbound.ConversationId}:{day}",
        };
        var result = await engine.HandleAsync(inbound, ct);
        foreach (var reply in result.Replies)
        {
            if (scope == ConversationScope.Channel)
            {
                await SendToChannelAsync(activity, reply, ct);
            }
            else
            {
                var message = ActivityMapper.ToActivity(reply, CardActionStyle.Execute, charts.UrlFor);
                Address(message, activity);
                LogIfFailed(await connector.SendAsync(activity.ServiceUrl!, activity.Conversation!.Id!, message, ct), "greet");
            }
        }
    }

    private async Task SendToChannelAsync(Activity activity, OutboundMessage message, CancellationToken ct)
    {
        var channel = TeamsActivity.ChannelRootOf(activity)!;
        var post = ActivityMapper.ToActivity(message, CardActionStyle.Execute, charts.UrlFor);
        Address(post, activity);
        post.Conversation = new ConversationAccount { Id = channel, ConversationType = "channel", IsGroup = true, TenantId = TeamsActivity.TenantOf(activity) };
        post.Recipient = null;
        LogIfFailed(await connector.SendAsync(activity.ServiceUrl!, channel, post, ct), "post to channel");
    }

    private async Task ReplyAsync(Activity activity, IEnumerable<OutboundMessage> replies, CancellationToken ct)
    {
        foreach (var reply in replies)
        {
            var message = ActivityMapper.ToActivity(reply, CardActionStyle.Execute, charts.UrlFor);
            Address(message, activity);
            var result = activity.Id is { Length: > 0 } id
                ? await connector.ReplyAsync(activity.ServiceUrl!, activity.Conversation!.Id!, id, message, ct)
                : await connector.SendAsync(activity.ServiceUrl!, activity.Conversation!.Id!, message, ct);
            LogIfFailed(result, "reply");
        }
    }

    private InboundEvent ToInbound(Activity activity)
    {
        var tenant = TeamsActivity.TenantOf(activity);
        var inbound = ActivityMapper.FromMessage(activity, Conversations.Messages.Channels.Teams, tenant, clock.GetCurrentInstant())
                      ?? throw new InvalidOperationException("Checked before: activity has from and conversation.");
        return inbound with
        {
            ConversationId = inbound.Scope == ConversationScope.Channel ? TeamsActivity.ChannelRootOf(activity)! : inbound.ConversationId,
            EventId = TeamsActivity.EventIdOf(activity, tenant),
            TimeZone = TeamsActivity.TimeZoneOf(activity),
            ChannelProperties = TeamsActivity.PropertiesOf(activity, tenant),
        };
    }

    /// <summary>Addresses a bot message as an answer in the conversation <paramref name="to"/> came from.</summary>
    private static void Address(Activity message, Activity to)
    {
        message.From = to.Recipient;
        message.Recipient = to.From;
        message.Conversation = to.Conversation;
        message.ReplyToId = to.Id;
        message.ChannelId = to.ChannelId;
        message.ServiceUrl = to.ServiceUrl;
    }

    private Activity ReadOnlyCard(OutboundMessage summary) => new()
    {
        Type = ActivityTypes.Message,
        Summary = summary.Text,
        Attachments =
        [
            new Attachment { ContentType = AdaptiveCardRenderer.ContentType, Content = AdaptiveCardRenderer.RenderReadOnly(summary, charts.UrlFor) },
        ],
    };

    private static async Task InvokeResponseAsync(HttpContext context, int statusCode, string type, JsonNode? value)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        var body = new JsonObject { ["statusCode"] = statusCode, ["type"] = type, ["value"] = value };
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private async Task ErrorAsync(HttpContext context, int status, string reason)
    {
        LogRejected(logger, status, reason);
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(new { error = reason }, context.RequestAborted);
    }

    private static string? EventTypeOf(Activity activity) =>
        activity.ChannelData is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty("eventType", out var e) && e.ValueKind == JsonValueKind.String
            ? e.GetString()
            : null;

    private void LogIfFailed(ConnectorResult result, string what)
    {
        if (!result.IsOk)
        {
            LogSendFailed(logger, what, result.Outcome, result.Error);
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Refused /api/messages request (401): {Reason}")]
    private static partial void LogUnauthorized(ILogger logger, string? reason);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Refused /api/messages request ({Status}): {Reason}")]
    private static partial void LogRejected(ILogger logger, int status, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Ignored {Type} activity ({Detail})")]
    private static partial void LogIgnored(ILogger logger, string type, string? detail);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Reaction on message {MessageId} in {ConversationId} (not used)")]
    private static partial void LogReaction(ILogger logger, string? messageId, string? conversationId);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Could not {What}: {Outcome} {Error}")]
    private static partial void LogSendFailed(ILogger logger, string what, ConnectorOutcome outcome, string? error);
}
