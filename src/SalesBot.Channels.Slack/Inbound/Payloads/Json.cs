using System.Text.Json.Nodes;

namespace SalesBot.Channels.Slack.Inbound.Payloads;

/// <summary>Tolerant reads from Slack's JSON: a field of an unexpected shape reads as missing.</summary>
internal static class Json
{
    public static string? Str(JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static JsonObject? Obj(JsonNode? node, string name) => node is JsonObject o ? o[name] as JsonObject : null;

    public static JsonArray? Arr(JsonNode? node, string name) => node is JsonObject o ? o[name] as JsonArray : null;
}
