using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using SalesBot.Channels.Http.Charts;
using SalesBot.Channels.Teams.Activities;
using SalesBot.Conversations;
using SalesBot.Conversations.Messages;
using SalesBot.Channels.Http.Inbound;
using SalesBot.Host.Http;

namespace SalesBot.Host.Playground;

/// <summary>
/// The Direct Line 3.0 endpoints Web Chat calls (polling), bridged into the same activity mapping
/// and conversation engine that Teams uses. Playground only: the tenant is <c>local</c> and
/// <c>from.id</c> is the demo member speaking.
/// </summary>
public static partial class DirectLineEndpoints
{
    public const string LocalTenant = "local";

    /// <summary>The event the playground page sends when a chat opens.</summary>
    public const string JoinEvent = "webchat/join";
    private const long MaxActivityBytes = 64 * 1024;
    private const int TokenLifetimeSeconds = 3600;

    /// <summary>The ids a Web Chat activity carries (its own, its sender's, the client's resend key): checked by <see cref="InboundIds"/>.</summary>
    private static readonly HashSet<string> IdKeys = new(StringComparer.Ordinal) { "id", "clientActivityID", "replyToId" };

    public static void Map(IEndpointRouteBuilder routes)
    {
        var directLine = routes.MapGroup("/v3/directline");
        directLine.MapPost("/tokens/generate", GenerateToken);
        directLine.MapPost("/conversations", StartConversation);
        directLine.MapGet("/conversations/{conversationId}", ResumeConversation);
        directLine.MapPost("/conversations/{conversationId}/activities", PostActivity);
        directLine.MapGet("/conversations/{conversationId}/activities", GetActivities);
    }

    /// <summary>A token for a new personal conversation, or for the team channel with <c>?teamId=</c>.</summary>
    private static IResult GenerateToken(DirectLineConversations conversations, string? teamId)
    {
        if (InboundIds.Problem(teamId, "teamId") is { } problem)
        {
            return Results.Problem($"The team id was refused: {problem}.", statusCode: StatusCodes.Status400BadRequest);
        }

        var (conversation, token) = conversations.Open(string.IsNullOrWhiteSpace(teamId) ? null : teamId);
        return Results.Ok(new { conversationId = conversation.Id, token, expires_in = TokenLifetimeSeconds });
    }

    private static IResult StartConversation(HttpRequest request, DirectLineConversations conversations)
    {
        // Web Chat posts here with the token from /tokens/generate; without one, start a fresh conversation.
        var authorization = request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(authorization))
        {
            var (created, token) = conversations.Open(null);
            return Results.Created($"/v3/directline/conversations/{created.Id}", new { conversationId = created.Id, token, expires_in = TokenLifetimeSeconds });
        }

        var conversation = conversations.Authorize(authorization, null);
        return conversation is null
            ? Unauthorized()
            : Results.Created($"/v3/directline/conversations/{conversation.Id}", new { conversationId = conversation.Id, token = authorization["Bearer ".Length..], expires_in = TokenLifetimeSeconds });
    }

    private static IResult ResumeConversation(string conversationId, HttpRequest request, DirectLineConversations conversations)
    {
        var authorization = request.Headers.Authorization.ToString();
        var conversation = conversations.Authorize(authorization, conversationId);
        return conversation is null
            ? Unauthorized()
            : Results.Ok(new { conversationId = conversation.Id, token = authorization["Bearer ".Length..], expires_in = TokenLifetimeSeconds });
    }

    private static async Task<IResult> PostActivity(
        string conversationId,
        HttpRequest request,
        DirectLineConversations conversations,
        IConversationEngine engine,
        IClock clock,
        ILoggerFactory loggers,
        [FromServices] ChartLinks charts,
        CancellationToken cancellationToken)
    {
        var conversation = conversations.Authorize(request.Headers.Authorization.ToString(), conversationId);
        if (conversation is null)
        {
            return Unauthorized();
        }

        var (activity, error) = await JsonBody.ReadAsync<Activity>(request, MaxActivityBytes, ActivityJson.Options, IdKeys, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        if (activity!.Type is null)
        {
            return Results.Problem("The activity has no type.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (activity.From?.Id is not { Length: > 0 })
        {
            return Results.Problem("The activity has no from.id; it says which demo member is speaking.", statusCode: StatusCodes.Status400BadRequest);
        }

        // Web Chat resends an activity it is unsure about with the same client id: it is posted once.
        var clientKey = ClientKeyOf(activity);
        if (clientKey is not null && !conversation.TryClaim(clientKey, out var firstPostedAs))
        {
            return firstPostedAs is null
                ? Results.Problem("This activity is already being handled.", statusCode: StatusCodes.Status409Conflict)
                : Results.Ok(new { id = firstPostedAs });
        }

        var now = clock.GetCurrentInstant();
        activity.Timestamp = now.ToDateTimeOffset();
        activity.ChannelId ??= "webchat";
        var posted = conversation.Append(activity);
        if (clientKey is not null)
        {
            conversation.Posted(clientKey, posted.Id!);
        }

        var joined = activity.Type == "event" && activity.Name == JoinEvent;
        if (activity.Type != ActivityTypes.Message && !joined)
        {
            return Results.Ok(new { id = posted.Id }); // typing and other events: echoed, nothing to answer
        }

        var inbound = ActivityMapper.FromMessage(posted, ChannelNames.Playground, LocalTenant, now)! with { Scope = conversation.Scope, PressedMessageId = posted.ReplyToId };
        if (joined)
        {
            // The page says hello when a chat opens, so the bot greets like a freshly installed app.
            // In the shared channel pane only the first join is greeted, not every visitor.
            if (conversation.Scope == ConversationScope.Channel && conversation.After(null).Activities.Any(a => a.From?.Role == "bot"))
            {
                return Results.Ok(new { id = posted.Id });
            }

            inbound = inbound with { Kind = conversation.Scope == ConversationScope.Channel ? InboundEventKind.AddedToChannel : InboundEventKind.Installed };
        }
        TurnResult result;
        try
        {
            result = await engine.HandleAsync(inbound, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The transcript stays readable: the member's activity and an apology, never a broken chat.
            LogTurnFailed(loggers.CreateLogger(typeof(DirectLineEndpoints)), posted.Id!, ex);
            if (clientKey is not null)
            {
                conversation.Release(clientKey);
            }

            conversation.Append(BotActivities.From(OutboundMessage.Plain("Sorry, I couldn't handle that just now. Please try again in a minute."), clock.GetCurrentInstant(), posted.Id));
            return Results.Problem("The turn failed; the conversation is intact. Please try again.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        if (result.UpdatesPressedPost is { } post && (posted.ReplyToId ?? result.UpdatesPressedPostId) is { } postId)
        {
            // A kudos press: the post shows the new count in place, for everyone watching the channel.
            conversation.Replace(postId, BotActivities.From(post, clock.GetCurrentInstant(), replyToId: null));
        }

        foreach (var reply in result.Replies)
        {
            conversation.Append(BotActivities.From(reply, clock.GetCurrentInstant(), posted.Id, charts.PathFor));
        }

        return Results.Ok(new { id = posted.Id });
    }

    private static IResult GetActivities(string conversationId, HttpRequest request, DirectLineConversations conversations, string? watermark)
    {
        var conversation = conversations.Authorize(request.Headers.Authorization.ToString(), conversationId);
        if (conversation is null)
        {
            return Unauthorized();
        }

        int? after = null;
        if (!string.IsNullOrEmpty(watermark))
        {
            if (!int.TryParse(watermark, NumberStyles.Integer, CultureInfo.InvariantCulture, out var w) || w < -1)
            {
                return Results.Problem("watermark must be a whole number.", statusCode: StatusCodes.Status400BadRequest);
            }

            after = w;
        }

        var (activities, next) = conversation.After(after);
        return Results.Json(new { activities, watermark = next.ToString(CultureInfo.InvariantCulture) }, ActivityJson.Options);
    }

    private static string? ClientKeyOf(Activity activity)
    {
        if (activity.ChannelData is { ValueKind: System.Text.Json.JsonValueKind.Object } data &&
            data.TryGetProperty("clientActivityID", out var key) && key.ValueKind == System.Text.Json.JsonValueKind.String &&
            key.GetString() is { Length: > 0 } clientActivityId)
        {
            return "client:" + clientActivityId;
        }

        return activity.Id is { Length: > 0 } id ? "id:" + id : null;
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Error, Message = "Playground turn for activity {ActivityId} failed; the member was told to try again")]
    private static partial void LogTurnFailed(ILogger logger, string activityId, Exception exception);

    private static IResult Unauthorized() =>
        Results.Problem("A Direct Line token for this conversation is required (Authorization: Bearer …).", statusCode: StatusCodes.Status401Unauthorized);
}
