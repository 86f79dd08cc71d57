using System.Text;

namespace SalesBot.Channels.Slack.Rendering;

/// <summary>
/// Slack text escaping and safe truncation. Only <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> are escaped:
/// they start Slack's control sequences (<c>&lt;!channel&gt;</c>, <c>&lt;@U…&gt;</c>, links), so escaping them
/// is what keeps user text from pinging a channel or hiding a link.
/// </summary>
public static class Mrkdwn
{
    public const string Ellipsis = "…";

    public static string Escape(string text) => EscapeWithin(text, int.MaxValue);

    /// <summary>Escapes <paramref name="text"/>, cutting it (never inside an entity or a surrogate pair) to fit <paramref name="max"/> characters.</summary>
    public static string EscapeWithin(string? text, int max)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(Math.Min(text.Length + 16, max == int.MaxValue ? text.Length + 16 : max));
        for (var i = 0; i < text.Length; i++)
        {
            var piece = text[i] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                _ when char.IsHighSurrogate(text[i]) && i + 1 < text.Length => text.Substring(i, 2),
                _ => null,
            };
            var length = piece?.Length ?? 1;
            var consumed = piece is { Length: 2 } && char.IsHighSurrogate(piece[0]) ? 2 : 1;
            var reserve = i + consumed < text.Length ? Ellipsis.Length : 0;
            if (builder.Length + length + reserve > max)
            {
                builder.Append('…');
                return builder.ToString();
            }

            if (piece is null)
            {
                builder.Append(text[i]);
            }
            else
            {
                builder.Append(piece);
                if (piece.Length == 2 && char.IsHighSurrogate(piece[0]))
                {
                    i++;
                }
            }
        }

        return builder.ToString();
    }

    /// <summary>Cuts plain text (which Slack does not parse) to <paramref name="max"/> characters.</summary>
    public static string Truncate(string? text, int max)
    {
        if (string.IsNullOrEmpty(text) || text.Length <= max)
        {
            return text ?? string.Empty;
        }

        var cut = max - Ellipsis.Length;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..Math.Max(0, cut)] + Ellipsis;
    }
}
