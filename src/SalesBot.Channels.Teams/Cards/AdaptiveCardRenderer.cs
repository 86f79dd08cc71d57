using System.Globalization;
using System.Text.Json.Nodes;
using SalesBot.Conversations.Messages;

namespace SalesBot.Channels.Teams.Cards;

/// <summary>
/// Renders the neutral message model as an Adaptive Card (schema 1.5, the highest Teams supports).
/// Text goes into <c>TextRun</c>s, which are never parsed as markdown, so a win or a plan typed as
/// <c>[click](http://evil)</c> shows as typed.
/// </summary>
public static class AdaptiveCardRenderer
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";
    public const string VerbField = "verb";

    /// <summary>True when the message needs a card rather than plain text.</summary>
    public static bool NeedsCard(OutboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Blocks.Count > 0 || message.Form is not null || message.Actions.Count > 0;
    }

    /// <param name="chartUrl">Where Teams (or Web Chat) fetches a chart's picture; without one, or without an address for a chart, the chart is left out and the card's table still carries its numbers.</param>
    public static JsonObject Render(OutboundMessage message, CardActionStyle style, ChartUrl? chartUrl = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = new JsonArray();
        foreach (var block in message.Blocks)
        {
            if (block is ChartBlock chart)
            {
                if (chartUrl?.Invoke(chart.Chart) is { } url)
                {
                    body.Add(Image(chart.Chart, url));
                }

                continue;
            }

            body.Add(Block(block));
        }

        if (message.Blocks.Count == 0)
        {
            body.Add(Text(message.Text));
        }

        var actions = new JsonArray();
        if (message.Form is { } form)
        {
            foreach (var input in form.Inputs)
            {
                body.Add(Input(input));
                if (input.Error is { } error)
                {
                    body.Add(Text("⚠️ " + error, color: "Attention", spacing: "None"));
                }
            }

            actions.Add(Action(form.SubmitTitle, form.Verb, form.Data, style, primary: true));
        }

        foreach (var button in message.Actions)
        {
            var action = Action(button.Title, button.Verb, button.Data, style, button.Primary);
            if (message.Form is not null)
            {
                // "Remind me in 1 hour" under a check-in form must work with the form still empty: no inputs gathered or validated.
                NoInputs(action);
            }

            actions.Add(action);
        }

        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["fallbackText"] = message.Text,
            ["body"] = body,
        };
        if (actions.Count > 0)
        {
            card["actions"] = actions;
        }

        return card;
    }

    /// <summary>A read-only card: the same content with inputs and buttons removed (after a submit).</summary>
    public static JsonObject RenderReadOnly(OutboundMessage message, ChartUrl? chartUrl = null) =>
        Render(message with { Form = null, Actions = [] }, CardActionStyle.Submit, chartUrl);

    /// <summary>
    /// A chart as a PNG the Host draws from the chart's data at a signed address. Chosen over Teams'
    /// own <c>Chart.*</c> elements: those draw no target line, and Web Chat (the playground) cannot show them.
    /// </summary>
    private static JsonObject Image(Chart chart, string url) => new()
    {
        ["type"] = "Image",
        ["url"] = url,
        ["altText"] = chart.AltText,
        ["size"] = "Stretch",
        ["spacing"] = "Medium",
    };

    private static JsonObject Block(MessageBlock block) => block switch
    {
        Heading h => Text(h.Text, size: "Large", weight: "Bolder"),
        Paragraph p => Text(p.Text, subtle: p.Subtle),
        FactList f => Facts(f),
        BulletList b => new JsonObject
        {
            ["type"] = "Container",
            ["items"] = new JsonArray(b.Items.Select(i => (JsonNode)Text("• " + i, spacing: "None")).ToArray()),
        },
        Table t => Table(t),
        _ => throw new NotSupportedException($"No Adaptive Card rendering for {block.GetType().Name}."),
    };

    private static JsonObject Facts(FactList facts) => new()
    {
        ["type"] = "Container",
        ["items"] = new JsonArray(facts.Facts.Select(f => (JsonNode)new JsonObject
        {
            ["type"] = "ColumnSet",
            ["spacing"] = "Small",
            ["columns"] = new JsonArray(
                new JsonObject { ["type"] = "Column", ["width"] = "auto", ["items"] = new JsonArray(Text(f.Label, weight: "Bolder")) },
                new JsonObject { ["type"] = "Column", ["width"] = "stretch", ["items"] = new JsonArray(Text(f.Value)) }),
        }).ToArray()),
    };

    private static JsonObject Table(Table table)
    {
        JsonObject Row(IReadOnlyList<string> cells, bool header) => new()
        {
            ["type"] = "TableRow",
            ["cells"] = new JsonArray(cells.Select(c => (JsonNode)new JsonObject
            {
                ["type"] = "TableCell",
                ["items"] = new JsonArray(Text(c, weight: header ? "Bolder" : null)),
            }).ToArray()),
        };

        var rows = new JsonArray { Row(table.Columns, header: true) };
        foreach (var row in table.Rows)
        {
            rows.Add(Row(row, header: false));
        }

        return new JsonObject
        {
            ["type"] = "Table",
            ["firstRowAsHeader"] = true,
            ["showGridLines"] = true,
            ["columns"] = new JsonArray(ColumnWeights(table).Select(w => (JsonNode)new JsonObject { ["width"] = w }).ToArray()),
            ["rows"] = rows,
        };
    }

    /// <summary>
    /// Relative column widths from the longest text in each column (within bounds), so a column of
    /// numbers stays narrow and "Numbers vs target" gets the room.
    /// </summary>
    private static IEnumerable<int> ColumnWeights(Table table) =>
        table.Columns.Select((header, i) => Math.Clamp(
            table.Rows.Select(r => i < r.Count ? r[i].Length : 0).Append(header.Length).Max(), 8, 48));

    private static JsonObject Input(FormInput input) => input switch
    {
        NumberInput n => WithCommon(new JsonObject
        {
            ["type"] = "Input.Number",
            ["min"] = n.Min,
            ["max"] = n.Max,
            ["value"] = n.Value,
            ["placeholder"] = n.Placeholder,
        }, n, n.Required, NumberError(n)),
        TextInput t => WithCommon(new JsonObject
        {
            ["type"] = "Input.Text",
            ["isMultiline"] = t.Multiline,
            ["maxLength"] = t.MaxLength,
            ["value"] = t.Value,
            ["placeholder"] = t.Placeholder,
        }, t, t.Required),
        ChoiceInput c => WithCommon(new JsonObject
        {
            ["type"] = "Input.ChoiceSet",
            ["style"] = "compact",
            ["value"] = c.Value,
            ["choices"] = new JsonArray(c.Choices.Select(x => (JsonNode)new JsonObject { ["title"] = x.Title, ["value"] = x.Value }).ToArray()),
        }, c, c.Required),
        DateInput d => WithCommon(new JsonObject
        {
            // Submitted as yyyy-MM-dd (a string, like every input value); min is a hint some clients ignore.
            ["type"] = "Input.Date",
            ["value"] = IsoDate(d.Value),
            ["min"] = IsoDate(d.Min),
        }, d, d.Required),
        _ => throw new NotSupportedException($"No Adaptive Card input for {input.GetType().Name}."),
    };

    /// <summary>The date when it is a valid <c>yyyy-MM-dd</c>, else null (left out rather than sent malformed).</summary>
    private static string? IsoDate(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? value : null;

    /// <summary>
    /// Teams shows one errorMessage for every client-side check (required, min, max), so a number's
    /// message names the whole rule: "-3" must not be answered with "is required".
    /// </summary>
    private static string NumberError(NumberInput n) => n.Min == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{n.Label} can't be negative: enter a whole number from 0 to {n.Max:N0}.")
        : string.Create(CultureInfo.InvariantCulture, $"{n.Label}: enter a whole number from {n.Min:N0} to {n.Max:N0}.");

    private static JsonObject WithCommon(JsonObject node, FormInput input, bool required, string? errorMessage = null)
    {
        node["id"] = input.Id;
        node["label"] = input.Label;
        node["isRequired"] = required;
        if (required || errorMessage is not null)
        {
            node["errorMessage"] = errorMessage ?? $"{input.Label} is required.";
        }

        foreach (var key in node.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            node.Remove(key);
        }

        return node;
    }

    private static void NoInputs(JsonObject action)
    {
        action["associatedInputs"] = "none";
        if (action["fallback"] is JsonObject fallback)
        {
            fallback["associatedInputs"] = "none";
        }
    }

    private static JsonObject Action(string title, string verb, IReadOnlyDictionary<string, string>? data, CardActionStyle style, bool primary)
    {
        var payload = new JsonObject { [VerbField] = verb };
        foreach (var (key, value) in data ?? new Dictionary<string, string>())
        {
            payload[key] = value;
        }

        var submit = new JsonObject { ["type"] = "Action.Submit", ["title"] = title, ["data"] = payload };
        if (primary)
        {
            submit["style"] = "positive";
        }

        if (style == CardActionStyle.Submit)
        {
            return submit;
        }

        var execute = new JsonObject
        {
            ["type"] = "Action.Execute",
            ["title"] = title,
            ["verb"] = verb,
            ["data"] = payload.DeepClone(),
            ["fallback"] = submit,
        };
        if (primary)
        {
            execute["style"] = "positive";
        }

        return execute;
    }

    private static JsonObject Text(string text, string? size = null, string? weight = null, bool subtle = false, string? color = null, string? spacing = null)
    {
        var run = new JsonObject { ["type"] = "TextRun", ["text"] = text };
        if (size is not null)
        {
            run["size"] = size;
        }

        if (weight is not null)
        {
            run["weight"] = weight;
        }

        if (subtle)
        {
            run["isSubtle"] = true;
        }

        if (color is not null)
        {
            run["color"] = color;
        }

        var block = new JsonObject { ["type"] = "RichTextBlock", ["inlines"] = new JsonArray(run) };
        if (spacing is not null)
        {
            block["spacing"] = spacing;
        }

        return block;
    }
}
