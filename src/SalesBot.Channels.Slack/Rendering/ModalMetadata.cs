using System.Text.Json;
using System.Text.Json.Nodes;
using SalesBot.Channels.Slack.Inbound.Payloads;

namespace SalesBot.Channels.Slack.Rendering;

/// <summary>
/// A modal's <c>private_metadata</c> (at most 3000 characters): the conversation to answer in, the
/// message whose button opened it (to update after a submit), and the form's data to merge back.
/// </summary>
public sealed record ModalMetadata(string? ChannelId, string? MessageTs, IReadOnlyDictionary<string, string> Data)
{
    public string Serialize()
    {
        var node = new JsonObject();
        if (ChannelId is not null)
        {
            node["c"] = ChannelId;
        }

        if (MessageTs is not null)
        {
            node["t"] = MessageTs;
        }

        var data = new JsonObject();
        node["d"] = data;
        foreach (var (key, value) in Data)
        {
            data[key] = value;
            if (node.ToJsonString().Length > BlockKitLimits.PrivateMetadata)
            {
                data.Remove(key);
                break;
            }
        }

        return node.ToJsonString();
    }

    public static ModalMetadata Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new ModalMetadata(null, null, new Dictionary<string, string>());
        }

        try
        {
            // Metadata of another shape ([1,2], "hello", {"c":1}) reads as none: the submit answers in the sender's DM.
            var node = JsonNode.Parse(text);
            var data = Json.Obj(node, "d") is { } d
                ? d.Where(p => p.Value is JsonValue).ToDictionary(p => p.Key, p => p.Value!.ToString())
                : new Dictionary<string, string>();
            return new ModalMetadata(Json.Str(node, "c"), Json.Str(node, "t"), data);
        }
        catch (JsonException)
        {
            return new ModalMetadata(null, null, new Dictionary<string, string>());
        }
    }
}
