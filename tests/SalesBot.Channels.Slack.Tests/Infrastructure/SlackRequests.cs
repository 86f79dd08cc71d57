using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using SalesBot.Channels.Slack.Security;

namespace SalesBot.Channels.Slack.Tests.Infrastructure;

/// <summary>Builds requests as Slack sends them: form or JSON bodies, signed with the signing secret at a given time.</summary>
public sealed class SlackRequests(string signingSecret, Func<DateTimeOffset> now)
{
    public const string Team = "T0TEAM";
    public const string User = "U0ANA";
    public const string Bot = "U0BOT";
    public const string TeamChannel = "C0SALES";

    private int _triggers;

    public HttpRequestMessage Command(string command, string text, string channel = TeamChannel) =>
        SignedRequest("/slack/commands", Form(new Dictionary<string, string>
        {
            ["token"] = "legacy-token-ignored",
            ["team_id"] = Team,
            ["team_domain"] = "acme",
            ["channel_id"] = channel,
            ["channel_name"] = "sales",
            ["user_id"] = User,
            ["user_name"] = "ana",
            ["command"] = command,
            ["text"] = text,
            ["api_app_id"] = "A0APP",
            ["response_url"] = "https://hooks.slack.invalid/commands/1",
            ["trigger_id"] = NextTrigger(),
        }), "application/x-www-form-urlencoded");

    public HttpRequestMessage Event(JsonObject inner, string eventId, int? retryNum = null)
    {
        var envelope = new JsonObject
        {
            ["token"] = "legacy-token-ignored",
            ["team_id"] = Team,
            ["api_app_id"] = "A0APP",
            ["event"] = inner,
            ["type"] = "event_callback",
            ["event_id"] = eventId,
            ["event_time"] = now().ToUnixTimeSeconds(),
            ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = Team, ["user_id"] = Bot, ["is_bot"] = true }),
        };
        var request = SignedRequest("/slack/events", envelope.ToJsonString(), "application/json");
        if (retryNum is { } n)
        {
            request.Headers.Add("X-Slack-Retry-Num", n.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        }

        return request;
    }

    public static JsonObject DirectMessage(string text) => new()
    {
        ["type"] = "message",
        ["channel"] = FakeSlackApi.DirectChannel,
        ["channel_type"] = "im",
        ["user"] = User,
        ["text"] = text,
        ["ts"] = "1700000000.000100",
    };

    public static JsonObject BotJoinedTeamChannel() => new()
    {
        ["type"] = "member_joined_channel",
        ["user"] = Bot,
        ["channel"] = TeamChannel,
        ["channel_type"] = "C",
        ["team"] = Team,
        ["inviter"] = User,
    };

    public HttpRequestMessage Interaction(JsonObject payload) =>
        SignedRequest("/slack/interactivity", Form(new Dictionary<string, string> { ["payload"] = payload.ToJsonString() }), "application/x-www-form-urlencoded");

    /// <summary>A <c>view_submission</c> of <paramref name="view"/> (as the bot opened it) with the given input values.</summary>
    public JsonObject Submission(JsonObject openedView, IReadOnlyDictionary<string, string> values, string viewId = "V0CHECKIN")
    {
        var state = new JsonObject();
        foreach (var block in openedView["blocks"]!.AsArray().OfType<JsonObject>().Where(b => b["type"]!.ToString() == "input"))
        {
            var id = block["block_id"]!.ToString();
            var type = block["element"]!["type"]!.ToString();
            // A date picker reports selected_date (yyyy-MM-dd, null when nothing was picked); the others value.
            var field = type == "datepicker" ? "selected_date" : "value";
            state[id] = new JsonObject { [id] = new JsonObject { ["type"] = type, [field] = values.TryGetValue(id, out var v) ? v : null } };
        }

        return new JsonObject
        {
            ["type"] = "view_submission",
            ["team"] = new JsonObject { ["id"] = Team, ["domain"] = "acme" },
            ["user"] = new JsonObject { ["id"] = User, ["username"] = "ana", ["team_id"] = Team },
            ["api_app_id"] = "A0APP",
            ["trigger_id"] = NextTrigger(),
            ["view"] = new JsonObject
            {
                ["id"] = viewId,
                ["hash"] = "1700000000.abcdef",
                ["type"] = "modal",
                ["callback_id"] = openedView["callback_id"]!.ToString(),
                ["private_metadata"] = openedView["private_metadata"]!.ToString(),
                ["state"] = new JsonObject { ["values"] = state },
            },
        };
    }

    public JsonObject ButtonPress(JsonObject button, string channel = FakeSlackApi.DirectChannel, string messageTs = "1700000000.000200") => new()
    {
        ["type"] = "block_actions",
        ["team"] = new JsonObject { ["id"] = Team, ["domain"] = "acme" },
        ["user"] = new JsonObject { ["id"] = User, ["username"] = "ana", ["team_id"] = Team },
        ["trigger_id"] = NextTrigger(),
        ["channel"] = new JsonObject { ["id"] = channel },
        ["container"] = new JsonObject { ["type"] = "message", ["channel_id"] = channel, ["message_ts"] = messageTs },
        ["message"] = new JsonObject { ["ts"] = messageTs },
        ["actions"] = new JsonArray(new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = button["action_id"]!.ToString(),
            ["block_id"] = "salesbot.actions.0",
            ["value"] = button["value"]!.ToString(),
            ["action_ts"] = "1700000001.000" + Interlocked.Increment(ref _triggers),
        }),
    };

    /// <summary>Signs <paramref name="body"/> for <paramref name="path"/> as Slack would at the current time.</summary>
    public HttpRequestMessage SignedRequest(string path, string body, string contentType, long? timestamp = null, string? secret = null)
    {
        var ts = (timestamp ?? now().ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture);
        var request = UnsignedRequest(path, body, contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", SlackSignature.Compute(secret ?? signingSecret, ts, Encoding.UTF8.GetBytes(body)));
        return request;
    }

    public static HttpRequestMessage UnsignedRequest(string path, string body, string contentType) => new(HttpMethod.Post, path)
    {
        Content = new StringContent(body, Encoding.UTF8, contentType),
    };

    public static string Form(IReadOnlyDictionary<string, string> fields) =>
        string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));

    private string NextTrigger() => $"1700000000.{Interlocked.Increment(ref _triggers)}.trigger";
}
