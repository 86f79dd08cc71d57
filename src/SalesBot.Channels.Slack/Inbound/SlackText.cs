using System.Text.RegularExpressions;

namespace SalesBot.Channels.Slack.Inbound;

/// <summary>
/// Slack's message markup to the plain text flows expect: mentions and links become readable words
/// (<c>&lt;@U1|ana&gt;</c> → <c>@ana</c>, <c>&lt;!channel&gt;</c> → <c>@channel</c>, <c>&lt;http://x|deck&gt;</c> →
/// <c>deck (http://x)</c>) and <c>&amp;amp; &amp;lt; &amp;gt;</c> are decoded. The renderer escapes again on the way out.
/// </summary>
public static partial class SlackText
{
    public static string ToPlain(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        return Decode(Markup().Replace(text, m => Readable(m.Groups[1].Value)));
    }

    /// <summary>Undoes Slack's escaping of <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c>; markup is left as typed.</summary>
    public static string Decode(string? text) =>
        string.IsNullOrEmpty(text)
            ? string.Empty
            : text.Replace("&lt;", "<", StringComparison.Ordinal)
                .Replace("&gt;", ">", StringComparison.Ordinal)
                .Replace("&amp;", "&", StringComparison.Ordinal);

    /// <summary>Removes mentions of the bot (or, when its id is unknown, a leading mention) from an <c>app_mention</c>.</summary>
    public static string WithoutBotMention(string? text, string? botUserId)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        return botUserId is { Length: > 0 }
            ? Regex.Replace(text, $@"<@{Regex.Escape(botUserId)}(\|[^>]*)?>", string.Empty, RegexOptions.None, TimeSpan.FromSeconds(1)).Trim()
            : LeadingMention().Replace(text, string.Empty).Trim();
    }

    private static string Readable(string inner)
    {
        var bar = inner.IndexOf('|', StringComparison.Ordinal);
        var target = bar < 0 ? inner : inner[..bar];
        var label = bar < 0 ? null : inner[(bar + 1)..];
        return target switch
        {
            ['@', ..] => "@" + (label ?? target[1..]),
            ['#', ..] => "#" + (label ?? target[1..]),
            ['!', ..] when target.StartsWith("!subteam^", StringComparison.Ordinal) => "@" + (label ?? "group"),
            ['!', ..] when target.StartsWith("!date^", StringComparison.Ordinal) => label ?? string.Empty,
            ['!', ..] => "@" + target[1..],
            _ when label is null || label == target => target,
            _ => $"{label} ({target})",
        };
    }

    [GeneratedRegex("<([^<>]*)>", RegexOptions.None, 1000)]
    private static partial Regex Markup();

    [GeneratedRegex(@"^\s*<@[A-Z0-9]+(\|[^>]*)?>", RegexOptions.None, 1000)]
    private static partial Regex LeadingMention();
}
