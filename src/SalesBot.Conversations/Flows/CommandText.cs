using System.Text.RegularExpressions;

namespace SalesBot.Conversations.Flows;

/// <summary>Matches what people type against commands, forgiving case, slashes, hyphens and punctuation.</summary>
public static partial class CommandText
{
    public static string Normalize(string? text) =>
        string.IsNullOrWhiteSpace(text) ? string.Empty : Spaces().Replace(text.Trim().TrimStart('/').Trim(), " ");

    /// <summary>
    /// If <paramref name="text"/> starts with the words of <paramref name="command"/> ("check in" matches
    /// "Check-in:", "check in" and "CHECK IN"), returns the rest of the text as typed.
    /// </summary>
    public static bool TryMatch(string text, string command, out string argument)
    {
        argument = string.Empty;
        var wanted = Words(command);
        var tokens = Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var seen = new List<string>();
        for (var i = 0; i < tokens.Length && seen.Count < wanted.Count; i++)
        {
            seen.AddRange(Words(tokens[i]));
            if (seen.Count == wanted.Count && seen.SequenceEqual(wanted))
            {
                argument = string.Join(' ', tokens.Skip(i + 1)).TrimStart(':', ',', '-', ' ');
                return true;
            }
        }

        return false;
    }

    private static List<string> Words(string s) =>
        s.ToLowerInvariant().Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim('.', '!', '?', ':', ','))
            .Where(w => w.Length > 0)
            .ToList();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
