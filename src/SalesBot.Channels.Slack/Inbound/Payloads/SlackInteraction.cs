using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SalesBot.Channels.Slack.Inbound.Payloads;

/// <summary>An interactivity payload: a button press (<c>block_actions</c>) or a modal submit (<c>view_submission</c>).</summary>
internal sealed record SlackInteraction(
    string Type,
    string TeamId,
    string UserId,
    string? UserName,
    string? TriggerId,
    string? ChannelId,
    string? MessageTs,
    IReadOnlyList<SlackAction> Actions,
    SlackView? View)
{
    public static SlackInteraction? Parse(string? payload)
    {
        if (string.IsNullOrWhiteSpace(payload))
        {
            return null;
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(payload);
        }
        catch (JsonException)
        {
            return null;
        }

        var type = Json.Str(root, "type");
        var user = Json.Obj(root, "user");
        var team = Json.Str(Json.Obj(root, "team"), "id") ?? Json.Str(user, "team_id");
        var userId = Json.Str(user, "id");
        if (type is null || team is null || userId is null)
        {
            return null;
        }

        var container = Json.Obj(root, "container");
        var channel = Json.Str(Json.Obj(root, "channel"), "id") ?? Json.Str(container, "channel_id");
        var messageTs = Json.Str(Json.Obj(root, "message"), "ts") ?? Json.Str(container, "message_ts");
        var actions = (Json.Arr(root, "actions") ?? [])
            .OfType<JsonObject>()
            .Select(a => new SlackAction(
                Json.Str(a, "action_id") ?? string.Empty,
                Json.Str(a, "block_id"),
                Json.Str(a, "value") ?? Json.Str(Json.Obj(a, "selected_option"), "value"),
                Json.Str(a, "action_ts")))
            .ToList();
        var view = Json.Obj(root, "view") is { } v ? SlackView.From(v) : null;
        return new SlackInteraction(type, team, userId, Json.Str(user, "username") ?? Json.Str(user, "name"),
            Json.Str(root, "trigger_id"), channel, messageTs, actions, view);
    }
}

internal sealed record SlackAction(string ActionId, string? BlockId, string? Value, string? ActionTs);

/// <summary>A submitted modal: its form verb (<c>callback_id</c>), metadata and the value of each input block.</summary>
internal sealed record SlackView(string Id, string? Hash, string CallbackId, string? PrivateMetadata, IReadOnlyDictionary<string, string> Values, IReadOnlyList<string> BlockIds)
{
    public static SlackView From(JsonObject view)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var blockIds = new List<string>();
        foreach (var (blockId, block) in Json.Obj(Json.Obj(view, "state"), "values") ?? [])
        {
            blockIds.Add(blockId);
            // One element per input block; its action id equals the block id, but any element will do.
            var element = (block as JsonObject)?.Select(p => p.Value).OfType<JsonObject>().FirstOrDefault();
            // Text and number inputs send value, selects selected_option, date pickers selected_date
            // (yyyy-MM-dd; null when nothing was picked, so the input is left out like an empty select).
            var value = Json.Str(element, "value")
                ?? Json.Str(Json.Obj(element, "selected_option"), "value")
                ?? Json.Str(element, "selected_date");
            if (value is not null)
            {
                values[blockId] = value;
            }
        }

        return new SlackView(Json.Str(view, "id") ?? string.Empty, Json.Str(view, "hash"), Json.Str(view, "callback_id") ?? string.Empty,
            Json.Str(view, "private_metadata"), values, blockIds);
    }

    /// <summary>
    /// Stable across a redelivery of the same submit, different when the person corrects a value and
    /// submits again: the view id plus a hash of the submitted values.
    /// </summary>
    public string SubmissionId()
    {
        var state = string.Join('\u001f', Values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => v.Key + '\u001e' + v.Value));
        return $"view:{Id}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(state)))[..16]}";
    }
}
