using System.Globalization;
using System.Text.Json.Nodes;
using SalesBot.Conversations.Messages;

namespace SalesBot.Channels.Slack.Rendering;

/// <summary>
/// Views: a form as a modal (one input block per input, the input id as <c>block_id</c> so field errors
/// land under the right input; the form's verb as <c>callback_id</c>), and the App Home tab.
/// </summary>
public static class BlockKitViewRenderer
{
    public static JsonObject Modal(OutboundMessage message, ModalMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(metadata);
        var form = message.Form ?? throw new ArgumentException("The message has no form.", nameof(message));
        var inputs = form.Inputs.Select(Input).ToList();
        // The form's title is the modal's title, so only the explanatory paragraphs come along.
        var intro = message.Blocks.Where(b => b is not Heading).SelectMany(BlockKitMessageRenderer.Render)
            .Take(BlockKitLimits.ViewBlocks - inputs.Count).ToList();
        return new JsonObject
        {
            ["type"] = "modal",
            ["callback_id"] = Mrkdwn.Truncate(form.Verb, BlockKitLimits.Id),
            ["title"] = BlockKitMessageRenderer.PlainText(form.Title, BlockKitLimits.ViewTitle),
            ["submit"] = BlockKitMessageRenderer.PlainText(form.SubmitTitle, BlockKitLimits.ViewTitle),
            ["close"] = BlockKitMessageRenderer.PlainText("Cancel", BlockKitLimits.ViewTitle),
            ["private_metadata"] = metadata.Serialize(),
            ["blocks"] = new JsonArray([.. intro, .. inputs.Take(BlockKitLimits.ViewBlocks)]),
        };
    }

    /// <summary>The App Home tab: the message's blocks and buttons (no form; forms open from buttons).</summary>
    public static JsonObject Home(OutboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new JsonObject
        {
            ["type"] = "home",
            ["blocks"] = BlockKitMessageRenderer.Blocks(message, BlockKitLimits.ViewBlocks, withForm: true),
        };
    }

    /// <summary>
    /// The <c>response_action: errors</c> body for a rejected submission. Errors for the form as a whole
    /// (key "") or for something that is not an input go under the first input.
    /// </summary>
    public static JsonObject Errors(IReadOnlyList<string> inputBlockIds, IReadOnlyDictionary<string, string> fieldErrors)
    {
        ArgumentNullException.ThrowIfNull(inputBlockIds);
        ArgumentNullException.ThrowIfNull(fieldErrors);
        var ids = inputBlockIds.ToHashSet(StringComparer.Ordinal);
        var first = inputBlockIds.Count > 0 ? inputBlockIds[0] : string.Empty;
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, message) in fieldErrors.OrderBy(e => e.Key.Length == 0 ? 1 : 0))
        {
            var blockId = ids.Contains(key) ? key : first;
            errors[blockId] = errors.TryGetValue(blockId, out var existing) ? existing + " " + message : message;
        }

        var node = new JsonObject();
        foreach (var (blockId, message) in errors)
        {
            node[Mrkdwn.Truncate(blockId, BlockKitLimits.Id)] = Mrkdwn.Truncate(message, BlockKitLimits.FieldError);
        }

        return new JsonObject { ["response_action"] = "errors", ["errors"] = node };
    }

    private static JsonNode Input(FormInput input)
    {
        var (element, optional) = input switch
        {
            NumberInput n => (Number(n), !n.Required),
            TextInput t => (Text(t), !t.Required),
            ChoiceInput c => (Select(c), !c.Required),
            DateInput d => (Date(d), !d.Required),
            _ => throw new NotSupportedException($"No Slack input for {input.GetType().Name}."),
        };
        return new JsonObject
        {
            ["type"] = "input",
            ["block_id"] = Mrkdwn.Truncate(input.Id, BlockKitLimits.Id),
            ["label"] = BlockKitMessageRenderer.PlainText(input.Label, BlockKitLimits.InputLabel),
            ["optional"] = optional,
            ["element"] = element,
        };
    }

    private static JsonObject Number(NumberInput input)
    {
        var element = new JsonObject
        {
            ["type"] = "number_input",
            ["action_id"] = Mrkdwn.Truncate(input.Id, BlockKitLimits.Id),
            ["is_decimal_allowed"] = false,
            ["min_value"] = input.Min.ToString(CultureInfo.InvariantCulture),
            ["max_value"] = input.Max.ToString(CultureInfo.InvariantCulture),
        };
        if (input.Value is { } value)
        {
            element["initial_value"] = value.ToString(CultureInfo.InvariantCulture);
        }

        AddPlaceholder(element, input.Placeholder);
        return element;
    }

    private static JsonObject Text(TextInput input)
    {
        var max = Math.Clamp(input.MaxLength, 1, BlockKitLimits.TextInputMax);
        var element = new JsonObject
        {
            ["type"] = "plain_text_input",
            ["action_id"] = Mrkdwn.Truncate(input.Id, BlockKitLimits.Id),
            ["multiline"] = input.Multiline,
            ["max_length"] = max,
        };
        if (!string.IsNullOrEmpty(input.Value))
        {
            element["initial_value"] = input.Value.Length <= max ? input.Value : input.Value[..max];
        }

        AddPlaceholder(element, input.Placeholder);
        return element;
    }

    private static JsonObject Select(ChoiceInput input)
    {
        var options = input.Choices.Take(BlockKitLimits.Options).Select(Option).ToList();
        var element = new JsonObject
        {
            ["type"] = "static_select",
            ["action_id"] = Mrkdwn.Truncate(input.Id, BlockKitLimits.Id),
            ["options"] = new JsonArray([.. options]),
        };
        if (input.Choices.Take(BlockKitLimits.Options).FirstOrDefault(c => c.Value == input.Value) is { } initial)
        {
            element["initial_option"] = Option(initial);
        }

        return element;
    }

    /// <summary>
    /// A <c>datepicker</c>: submitted as <c>selected_date</c> (<c>yyyy-MM-dd</c>). It has no minimum, so
    /// <see cref="DateInput.Min"/> is for the flow to check; an initial date that is not <c>yyyy-MM-dd</c>
    /// is left out, since Slack would refuse the whole modal.
    /// </summary>
    private static JsonObject Date(DateInput input)
    {
        var element = new JsonObject
        {
            ["type"] = "datepicker",
            ["action_id"] = Mrkdwn.Truncate(input.Id, BlockKitLimits.Id),
        };
        if (DateOnly.TryParseExact(input.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            element["initial_date"] = input.Value;
        }

        return element;
    }

    private static JsonObject Option(Choice choice) => new()
    {
        ["text"] = BlockKitMessageRenderer.PlainText(choice.Title, BlockKitLimits.OptionText),
        ["value"] = Mrkdwn.Truncate(choice.Value, BlockKitLimits.OptionValue),
    };

    private static void AddPlaceholder(JsonObject element, string? placeholder)
    {
        if (!string.IsNullOrEmpty(placeholder))
        {
            element["placeholder"] = BlockKitMessageRenderer.PlainText(placeholder, BlockKitLimits.Placeholder);
        }
    }
}
