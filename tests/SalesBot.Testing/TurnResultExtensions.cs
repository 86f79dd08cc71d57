using SalesBot.Conversations.Messages;

namespace SalesBot.Testing;

public static class TurnResultExtensions
{
    /// <summary>Everything a person would read in the replies: texts, headings, paragraphs, facts, bullets, table cells.</summary>
    public static string AllText(this TurnResult result) => string.Join("\n", result.Replies.Select(AllText));

    public static string AllText(this OutboundMessage message) => string.Join("\n",
        new[] { message.Text }.Concat(message.Blocks.SelectMany(b => b switch
        {
            Heading h => [h.Text],
            Paragraph p => [p.Text],
            FactList f => f.Facts.Select(x => $"{x.Label}: {x.Value}"),
            BulletList l => l.Items,
            Table t => t.Columns.Concat(t.Rows.SelectMany(r => r)),
            _ => Array.Empty<string>(),
        })));
}
