using System.Globalization;
using System.Text.Json;
using SalesBot.Channels.Teams.Cards;
using SalesBot.Conversations.Messages;

namespace SalesBot.Channels.Teams.Activities;

/// <summary>
/// Reads card submits: <c>Action.Submit</c> data arrives as a message's <c>value</c>,
/// <c>Action.Execute</c> as an invoke's <c>value.action.{verb,data}</c>. Inputs arrive as strings
/// (numbers too); anything else is turned into its text so flows see one shape.
/// </summary>
public static class SubmissionReader
{
    public static FormSubmission? FromMessageValue(JsonElement? value)
    {
        if (value is not { ValueKind: JsonValueKind.Object } obj)
        {
            return null;
        }

        var values = Flatten(obj);
        return values.Remove(AdaptiveCardRenderer.VerbField, out var verb) && verb.Length > 0
            ? new FormSubmission(verb, values)
            : null;
    }

    public static FormSubmission? FromInvokeValue(JsonElement? value)
    {
        if (value is not { ValueKind: JsonValueKind.Object } obj ||
            !obj.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object ||
            !action.TryGetProperty("verb", out var verbElement) || verbElement.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var values = action.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            ? Flatten(data)
            : new Dictionary<string, string>();
        values.Remove(AdaptiveCardRenderer.VerbField);
        return new FormSubmission(verbElement.GetString()!, values);
    }

    private static Dictionary<string, string> Flatten(JsonElement obj)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in obj.EnumerateObject())
        {
            var text = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Number => property.Value.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => null, // nested objects (e.g. Teams' msteams block) are not form values
            };
            if (text is not null)
            {
                values[property.Name] = text;
            }
        }

        return values;
    }

    public static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
