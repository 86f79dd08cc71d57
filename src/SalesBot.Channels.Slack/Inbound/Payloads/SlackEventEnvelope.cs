using System.Text.Json;
using System.Text.Json.Nodes;

namespace SalesBot.Channels.Slack.Inbound.Payloads;

/// <summary>An Events API request: <c>url_verification</c> or an <c>event_callback</c> around one event.</summary>
internal sealed record SlackEventEnvelope(string Type, string? Challenge, string? TeamId, string? EventId, long EventTime, SlackEvent? Event, string? BotUserId)
{
    public static SlackEventEnvelope? Parse(ReadOnlySpan<byte> body)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }

        var type = Json.Str(root, "type");
        if (type is null)
        {
            return null;
        }

        var time = root?["event_time"] is JsonValue t && t.TryGetValue<long>(out var seconds) ? seconds : 0;
        var ev = Json.Obj(root, "event") is { } e ? SlackEvent.From(e) : null;
        var team = Json.Str(root, "team_id") ?? Json.Str(root, "context_team_id") ?? ev?.Team;
        // The bot's own user id in this workspace: the authorization the event was delivered for.
        var bot = (Json.Arr(root, "authorizations") ?? []).OfType<JsonObject>().Select(a => Json.Str(a, "user_id")).FirstOrDefault(u => u is not null);
        return new SlackEventEnvelope(type, Json.Str(root, "challenge"), team, Json.Str(root, "event_id"), time, ev, bot);
    }
}

/// <summary>The fields of the inner event the bot reads (message, app_mention, app_home_opened, member_joined_channel).</summary>
internal sealed record SlackEvent(
    string Type,
    string? User,
    string? Channel,
    string? ChannelType,
    string? Text,
    string? BotId,
    string? Subtype,
    string? Tab,
    string? Ts,
    string? Team,
    string? Inviter)
{
    public static SlackEvent From(JsonObject e) => new(
        Json.Str(e, "type") ?? string.Empty,
        Json.Str(e, "user"),
        Json.Str(e, "channel"),
        Json.Str(e, "channel_type"),
        Json.Str(e, "text"),
        Json.Str(e, "bot_id"),
        Json.Str(e, "subtype"),
        Json.Str(e, "tab"),
        Json.Str(e, "ts"),
        Json.Str(e, "team"),
        Json.Str(e, "inviter"));

    /// <summary>Messages from bots (including this one) and edits/joins are never answered.</summary>
    public bool IsFromBotOrSystem => BotId is not null || Subtype is not null;
}
