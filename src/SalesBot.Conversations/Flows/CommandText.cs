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
    public static bool TryMatch(string text, string command, out string argument) =>
        TypedText.Of(text).TryMatch(Words(command), out argument);

    /// <summary>The lower-case words of a command or a token: hyphens split, surrounding punctuation dropped.</summary>
    internal static string[] Words(string s)
    {
        var parts = s.ToLowerInvariant().Split(WordSeparators, StringSplitOptions.RemoveEmptyEntries);
        var words = new List<string>(parts.Length);
        foreach (var part in parts)
        {
            var word = part.Trim(Punctuation);
            if (word.Length > 0)
            {
                words.Add(word);
            }
        }

        return [.. words];
    }

    private static readonly char[] WordSeparators = [' ', '-'];
    private static readonly char[] Punctuation = ['.', '!', '?', ':', ','];

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}

/// <summary>
/// What someone typed, split into words once, so a turn can be tried against every command without
/// normalizing and splitting the text again for each one.
/// </summary>
public sealed class TypedText
{
    private readonly string[] _tokens;

    // Words of the text in order, and how many words the tokens up to and including each one make.
    private readonly string[] _words;
    private readonly int[] _wordsThroughToken;

    private TypedText(string[] tokens)
    {
        _tokens = tokens;
        var words = new List<string>();
        _wordsThroughToken = new int[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            words.AddRange(CommandText.Words(tokens[i]));
            _wordsThroughToken[i] = words.Count;
        }

        _words = [.. words];
    }

    public static TypedText Of(string? text) =>
        new(CommandText.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>
    /// True when the text starts with exactly <paramref name="wanted"/> (whole tokens: "check-ins" does not
    /// start with "check in"); <paramref name="argument"/> is the rest of the text as typed.
    /// </summary>
    public bool TryMatch(IReadOnlyList<string> wanted, out string argument)
    {
        argument = string.Empty;
        if (wanted.Count == 0 || wanted.Count > _words.Length)
        {
            return false;
        }

        // The command must end where a token ends.
        var last = Array.IndexOf(_wordsThroughToken, wanted.Count);
        if (last < 0)
        {
            return false;
        }

        for (var i = 0; i < wanted.Count; i++)
        {
            if (!string.Equals(_words[i], wanted[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        argument = string.Join(' ', _tokens, last + 1, _tokens.Length - last - 1).TrimStart(':', ',', '-', ' ');
        return true;
    }
}
