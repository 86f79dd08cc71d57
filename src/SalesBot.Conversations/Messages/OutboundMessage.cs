using System.Text.Json.Serialization;

namespace SalesBot.Conversations.Messages;

/// <summary>
/// What the bot says, independent of channel. <see cref="Text"/> is always set: it is the
/// notification preview and the fallback for clients that cannot show cards. All strings are
/// plain text; each renderer escapes for its target.
/// </summary>
public sealed record OutboundMessage
{
    public required string Text { get; init; }

    public IReadOnlyList<MessageBlock> Blocks { get; init; } = [];

    /// <summary>An input form (check-in, reflection). Slack shows it as a modal, Teams as card inputs.</summary>
    public Form? Form { get; init; }

    /// <summary>Buttons shown under the message.</summary>
    public IReadOnlyList<ActionButton> Actions { get; init; } = [];

    public static OutboundMessage Plain(string text) => new() { Text = text };
}

/// <summary>A visual piece of a message.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(Heading), "heading")]
[JsonDerivedType(typeof(Paragraph), "paragraph")]
[JsonDerivedType(typeof(FactList), "facts")]
[JsonDerivedType(typeof(BulletList), "bullets")]
[JsonDerivedType(typeof(Table), "table")]
[JsonDerivedType(typeof(ChartBlock), "chart")]
public abstract record MessageBlock;

public sealed record Heading(string Text) : MessageBlock;

public sealed record Paragraph(string Text, bool Subtle = false) : MessageBlock;

/// <summary>Label/value pairs, e.g. "Calls: 32 / 30 ✅".</summary>
public sealed record FactList(IReadOnlyList<Fact> Facts) : MessageBlock;

public sealed record Fact(string Label, string Value);

/// <summary>A bulleted list.</summary>
public sealed record BulletList(IReadOnlyList<string> Items) : MessageBlock;

/// <summary>A small table, e.g. the team status (rows of equal length to <see cref="Columns"/>).</summary>
public sealed record Table(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows) : MessageBlock;

/// <summary>A button. Pressing it arrives as a <see cref="FormSubmission"/> with <see cref="Verb"/> and <see cref="Data"/>.</summary>
public sealed record ActionButton(string Title, string Verb, IReadOnlyDictionary<string, string>? Data = null, bool Primary = false);
