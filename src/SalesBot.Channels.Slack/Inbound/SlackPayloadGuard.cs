using Microsoft.AspNetCore.Http;
using SalesBot.Channels.Http.Inbound;

namespace SalesBot.Channels.Slack.Inbound;

/// <summary>
/// Slack's one guard for what a signed body may hold, run by <see cref="SlackRequestReader"/> for all
/// three endpoints before any parser: the body is UTF-8; a JSON body (events) or the form's JSON
/// <c>payload</c> (interactivity) passes <see cref="InboundJson"/>; every id, JSON or form, passes
/// <see cref="InboundIds"/>. A refusal is a 400 with the reason; nothing past it runs.
/// </summary>
internal static class SlackPayloadGuard
{
    /// <summary>The fields (JSON keys and form fields) whose string values are ids Slack assigns.</summary>
    private static readonly HashSet<string> IdKeys = new(StringComparer.Ordinal)
    {
        "id", "team_id", "context_team_id", "user_id", "channel_id", "enterprise_id", "api_app_id", "app_id",
        "event_id", "bot_id", "team", "user", "channel", "inviter", "ts", "message_ts", "thread_ts", "action_ts",
        "trigger_id", "view_id", "root_view_id", "previous_view_id", "hash",
    };

    public static string? Problem(HttpRequest http, byte[] body)
    {
        if (!InboundJson.IsValidUtf8(body))
        {
            return "The body is not valid UTF-8.";
        }

        if (!http.HasFormContentType)
        {
            return InboundJson.Problem(body, IdKeys) is { } json ? $"The JSON body was refused: {json}." : null;
        }

        foreach (var (field, values) in SlackRequest.ParseForm(body))
        {
            foreach (var value in values)
            {
                // Percent-decoding turns invalid UTF-8 into U+FFFD; a lone surrogate can only come from the JSON escapes below.
                if (value is null)
                {
                    continue;
                }

                if (field == "payload")
                {
                    if (InboundJson.Problem(value, IdKeys) is { } json)
                    {
                        return $"The payload was refused: {json}.";
                    }
                }
                else if (IdKeys.Contains(field) && InboundIds.Problem(value, field) is { } id)
                {
                    return $"The form was refused: {id}.";
                }
                else if (value.Contains('\0', StringComparison.Ordinal))
                {
                    return $"The form field {field} holds a NUL character.";
                }
            }
        }

        return null;
    }
}
