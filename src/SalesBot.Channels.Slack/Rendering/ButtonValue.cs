using System.Text.Json;
using System.Text.Json.Nodes;
using SalesBot.Channels.Slack.Inbound.Payloads;
using SalesBot.Conversations.Messages;

namespace SalesBot.Channels.Slack.Rendering;

/// <summary>
/// What a button carries back when pressed (its <c>value</c>, at most 2000 characters): a verb with its
/// data, or a whole form to open as a modal. A form too big for a button is carried as its open verb
/// (<c>x.submit</c> → <c>x.open</c>), and the flow is asked for the form again.
/// </summary>
public sealed record ButtonValue(string Verb, IReadOnlyDictionary<string, string> Data, OutboundMessage? FormMessage = null)
{
    private const string SubmitSuffix = ".submit";
    private const string OpenSuffix = ".open";

    public static string ForAction(ActionButton button)
    {
        ArgumentNullException.ThrowIfNull(button);
        var json = new JsonObject { ["v"] = button.Verb, ["d"] = DataNode(button.Data) }.ToJsonString();
        return json.Length <= BlockKitLimits.ButtonValue ? json : new JsonObject { ["v"] = button.Verb }.ToJsonString();
    }

    public static string ForForm(OutboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var form = message.Form ?? throw new ArgumentException("The message has no form.", nameof(message));
        var carried = message with { Actions = [] };
        var json = new JsonObject { ["v"] = form.Verb, ["f"] = JsonNode.Parse(MessageJson.Serialize(carried)) }.ToJsonString();
        return json.Length <= BlockKitLimits.ButtonValue
            ? json
            : new JsonObject { ["v"] = OpenVerbFor(form.Verb), ["d"] = DataNode(form.Data) }.ToJsonString();
    }

    public static ButtonValue Parse(string? value, string fallbackVerb)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return new ButtonValue(fallbackVerb, new Dictionary<string, string>());
        }

        try
        {
            // A value of another shape ([1], {"v":1}) reads as a button without data: the flow answers it as unknown.
            var node = JsonNode.Parse(value);
            var verb = Json.Str(node, "v") ?? fallbackVerb;
            var data = Json.Obj(node, "d") is { } d
                ? d.Where(p => p.Value is JsonValue).ToDictionary(p => p.Key, p => p.Value!.ToString())
                : new Dictionary<string, string>();
            var form = Json.Obj(node, "f") is { } f ? MessageJson.Deserialize<OutboundMessage>(f.ToJsonString()) : null;
            return new ButtonValue(verb, data, form?.Form is null ? null : form);
        }
        catch (JsonException)
        {
            return new ButtonValue(fallbackVerb, new Dictionary<string, string>());
        }
    }

    public static string OpenVerbFor(string verb) =>
        verb.EndsWith(SubmitSuffix, StringComparison.Ordinal) ? verb[..^SubmitSuffix.Length] + OpenSuffix : verb;

    private static JsonObject DataNode(IReadOnlyDictionary<string, string>? data)
    {
        var node = new JsonObject();
        foreach (var (key, value) in data ?? new Dictionary<string, string>())
        {
            node[key] = value;
        }

        return node;
    }
}
