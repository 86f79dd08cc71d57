using System.Globalization;

namespace SalesBot.Channels.Http.Inbound;

/// <summary>
/// Ids a channel hands us (workspace, tenant, user, channel, conversation, message) become keys in the
/// store. A look-alike such as <c>"T1\u0000"</c> or <c>"T1\u200B"</c> would be a second workspace, so
/// ids with control, format (zero-width, bidi), whitespace or unpaired surrogate characters, or absurd
/// lengths, are refused at the edge instead of normalized into something the sender did not say.
/// </summary>
public static class InboundIds
{
    /// <summary>Teams channel conversation ids with a message id run to about 150 characters; Slack ids to about 20.</summary>
    public const int MaxLength = 512;

    /// <summary>Why <paramref name="id"/> is not an acceptable id, or null when it is (or is absent).</summary>
    public static string? Problem(string? id, string what)
    {
        if (id is null)
        {
            return null;
        }

        if (id.Length > MaxLength)
        {
            return $"{what} is longer than {MaxLength} characters";
        }

        foreach (var c in id)
        {
            var category = char.GetUnicodeCategory(c);
            if (char.IsWhiteSpace(c) || category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                    or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                return $"{what} holds the character U+{(int)c:X4}";
            }
        }

        return null;
    }

    /// <summary>The first problem among <paramref name="ids"/>, or null.</summary>
    public static string? FirstProblem(params ReadOnlySpan<(string? Id, string What)> ids)
    {
        foreach (var (id, what) in ids)
        {
            if (Problem(id, what) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }
}
