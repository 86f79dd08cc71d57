using System.Globalization;
using NodaTime;
using SalesBot.Channels.Teams.Activities;
using SalesBot.Conversations;
using SalesBot.Conversations.Messages;
using SalesBot.Host.Http;

namespace SalesBot.Host.Playground;

/// <summary>
/// The Direct Line 3.0 endpoints Web Chat calls (polling), bridged into the same activity mapping
/// and conversation engine that Teams uses. Playground only: the tenant is <c>local</c> and
/// <c>from.id</c> is the demo member speaking.
/// </summary>
public static class DirectLineEndpoints
{
    public const string LocalTenant = "local";

    /// <summary>The event the playground page sends when a chat opens.</summary>
    public const string JoinEvent = "webchat/join";
    private const long MaxActivityBytes = 64 * 1024;
    private const int TokenLifetimeSeconds = 3600;

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
        CancellationToken cancellationToken)
    {
        var conversation = conversations.Authorize(request.Headers.Authorization.ToString(), conversationId);
        if (conversation is null)
        {
            return Unauthorized();
        }

        var (activity, error) = await JsonBody.ReadAsync<Activity>(request, MaxActivityBytes, ActivityJson.Options, cancellationToken);
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

        var now = clock.GetCurrentInstant();
        activity.Timestamp = now.ToDateTimeOffset();
        activity.ChannelId ??= "webchat";
        var posted = conversation.Append(activity);
        var joined = activity.Type == "event" && activity.Name == JoinEvent;
        if (activity.Type != ActivityTypes.Message && !joined)
        {
            return Results.Ok(new { id = posted.Id }); // typing and other events: echoed, nothing to answer
        }

        var inbound = ActivityMapper.FromMessage(posted, ChannelNames.Playground, LocalTenant, now)! with { Scope = conversation.Scope };
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
        var result = await engine.HandleAsync(inbound, cancellationToken);
        foreach (var reply in result.Replies)
        {
            conversation.Append(BotActivities.From(reply, clock.GetCurrentInstant(), posted.Id));
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

    private static IResult Unauthorized() =>
        Results.Problem("A Direct Line token for this conversation is required (Authorization: Bearer …).", statusCode: StatusCodes.Status401Unauthorized);
}
