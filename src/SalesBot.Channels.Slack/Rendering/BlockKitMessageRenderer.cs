using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using SalesBot.Conversations.Messages;

namespace SalesBot.Channels.Slack.Rendering;

/// <summary>
/// Turns the neutral <see cref="OutboundMessage"/> into Block Kit. Every string from the model is
/// plain text: it is escaped for mrkdwn and marked <c>verbatim</c>, so user text can neither mention
/// a channel nor make a link. Limits are applied here, by truncation, never left to Slack.
/// </summary>
public static class BlockKitMessageRenderer
{
    /// <summary>The action id of the button that opens a message's form as a modal.</summary>
    public const string OpenFormActionId = "salesbot.form.open";

    /// <summary>Arguments for <c>chat.postMessage</c>/<c>chat.update</c> (without the channel).</summary>
    /// <param name="chartUrl">Where Slack fetches a chart's picture (the Host's signed address); without one the chart is left out and the table still carries its numbers.</param>
    public static JsonObject Message(OutboundMessage message, ChartUrl? chartUrl = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new JsonObject
        {
            ["text"] = Mrkdwn.EscapeWithin(message.Text, BlockKitLimits.MessageText),
            ["blocks"] = Blocks(message, BlockKitLimits.MessageBlocks, withForm: true, chartUrl),
            ["unfurl_links"] = false,
            ["unfurl_media"] = false,
        };
    }

    /// <summary>The message's blocks, at most <paramref name="maxBlocks"/>, its form shown as a button that opens a modal.</summary>
    public static JsonArray Blocks(OutboundMessage message, int maxBlocks, bool withForm, ChartUrl? chartUrl = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var content = message.Blocks.SelectMany(b => b is ChartBlock chart ? Image(chart.Chart, chartUrl) : Render(b)).ToList();
        var buttons = new List<JsonObject>();
        if (withForm && message.Form is not null)
        {
            buttons.Add(Button(Mrkdwn.Truncate("✏️ " + message.Form.Title, BlockKitLimits.ButtonText), OpenFormActionId, ButtonValue.ForForm(message), primary: true));
        }

        buttons.AddRange(message.Actions.Select((a, i) => Button(a.Title, ActionId(a.Verb, i), ButtonValue.ForAction(a), a.Primary)));
        var actions = buttons
            .Chunk(BlockKitLimits.ActionsElements)
            .Select((chunk, i) => (JsonNode)new JsonObject { ["type"] = "actions", ["block_id"] = $"salesbot.actions.{i}", ["elements"] = new JsonArray(chunk) })
            .ToList();

        if (content.Count + actions.Count > maxBlocks)
        {
            var keep = Math.Max(0, maxBlocks - actions.Count - 1);
            content = [.. content.Take(keep), Context("…more than fits here; ask me for details.")];
        }

        return new JsonArray([.. content, .. actions]);
    }

    public static IEnumerable<JsonNode> Render(MessageBlock block) => block switch
    {
        Heading h => [Header(h.Text)],
        Paragraph { Subtle: true } p => [Context(p.Text)],
        Paragraph p => [Section(p.Text)],
        FactList f => Facts(f),
        BulletList b => [Bullets(b)],
        Table t => [TableSection(t)],
        _ => [],
    };

    /// <summary>
    /// A chart as an <c>image</c> block whose picture Slack fetches from the Host's signed, short-lived
    /// address (chosen over a file upload: no <c>files:write</c> scope, no extra calls per message).
    /// </summary>
    private static IEnumerable<JsonNode> Image(Chart chart, ChartUrl? chartUrl) =>
        chartUrl?.Invoke(chart) is { Length: <= BlockKitLimits.ImageUrl } url
            ?
            [
                new JsonObject
                {
                    ["type"] = "image",
                    ["image_url"] = url,
                    ["alt_text"] = Mrkdwn.Truncate(chart.AltText, BlockKitLimits.ImageAltText),
                    ["title"] = PlainText(chart.Title, BlockKitLimits.ImageTitle),
                },
            ]
            : [];

    public static JsonObject Header(string text) => new()
    {
        ["type"] = "header",
        ["text"] = PlainText(text, BlockKitLimits.HeaderText),
    };

    public static JsonObject Section(string text) => new()
    {
        ["type"] = "section",
        ["text"] = MrkdwnText(Mrkdwn.EscapeWithin(text, BlockKitLimits.SectionText)),
    };

    public static JsonObject Context(string text) => new()
    {
        ["type"] = "context",
        ["elements"] = new JsonArray(MrkdwnText(Mrkdwn.EscapeWithin(text, BlockKitLimits.ContextText))),
    };

    public static JsonObject PlainText(string text, int max) => new()
    {
        ["type"] = "plain_text",
        ["text"] = Mrkdwn.Truncate(text, max),
        ["emoji"] = true,
    };

    /// <summary>An already-escaped mrkdwn text object; <c>verbatim</c> stops Slack from turning bare names and URLs into mentions and links.</summary>
    public static JsonObject MrkdwnText(string escaped) => new()
    {
        ["type"] = "mrkdwn",
        ["text"] = escaped,
        ["verbatim"] = true,
    };

    public static JsonObject Button(string title, string actionId, string value, bool primary)
    {
        var button = new JsonObject
        {
            ["type"] = "button",
            ["text"] = PlainText(title, BlockKitLimits.ButtonText),
            ["action_id"] = Mrkdwn.Truncate(actionId, BlockKitLimits.Id),
            ["value"] = value,
        };
        if (primary)
        {
            button["style"] = "primary";
        }

        return button;
    }

    /// <summary>Action ids must be unique within a block, so the position is part of it.</summary>
    private static string ActionId(string verb, int index) => Mrkdwn.Truncate($"{verb}#{index.ToString(CultureInfo.InvariantCulture)}", BlockKitLimits.Id);

    private static IEnumerable<JsonNode> Facts(FactList facts) =>
        facts.Facts.Chunk(BlockKitLimits.SectionFields).Select(chunk => (JsonNode)new JsonObject
        {
            ["type"] = "section",
            ["fields"] = new JsonArray(chunk.Select(f => (JsonNode)MrkdwnText(FactText(f))).ToArray()),
        });

    private static string FactText(Fact fact)
    {
        var label = Mrkdwn.EscapeWithin(fact.Label, 200);
        return $"*{label}*\n{Mrkdwn.EscapeWithin(fact.Value, BlockKitLimits.FieldText - label.Length - 3)}";
    }

    private static JsonObject Bullets(BulletList list) => new()
    {
        ["type"] = "section",
        ["text"] = MrkdwnText(Mrkdwn.EscapeWithin(string.Join('\n', list.Items.Select(i => "• " + i)), BlockKitLimits.SectionText)),
    };

    /// <summary>A table as preformatted text with padded columns; Slack has no table block in messages.</summary>
    private static JsonObject TableSection(Table table)
    {
        var rows = new List<IReadOnlyList<string>> { table.Columns };
        rows.AddRange(table.Rows);
        var widths = Enumerable.Range(0, table.Columns.Count)
            .Select(c => Math.Min(40, rows.Max(r => c < r.Count ? r[c].Length : 0)))
            .ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            var cells = widths.Select((w, c) => Mrkdwn.Truncate(c < row.Count ? row[c] : string.Empty, w).PadRight(w));
            text.Append(string.Join("  ", cells).TrimEnd()).Append('\n');
        }

        const string fence = "```";
        var body = Mrkdwn.EscapeWithin(text.ToString().TrimEnd('\n'), BlockKitLimits.SectionText - 2 * fence.Length - 2);
        return new JsonObject
        {
            ["type"] = "section",
            ["text"] = MrkdwnText($"{fence}\n{body}\n{fence}"),
        };
    }
}
