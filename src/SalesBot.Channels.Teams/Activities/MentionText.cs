using System.Text.RegularExpressions;

namespace SalesBot.Channels.Teams.Activities;

/// <summary>Teams puts <c>&lt;at&gt;SalesBot&lt;/at&gt;</c> in channel messages that mention the bot; flows want the words only.</summary>
public static partial class MentionText
{
    public static string? Strip(string? text) =>
        text is null ? null : Whitespace().Replace(AtTag().Replace(text, " "), " ").Trim();

    [GeneratedRegex(@"<at>[^<]*</at>", RegexOptions.IgnoreCase)]
    private static partial Regex AtTag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
