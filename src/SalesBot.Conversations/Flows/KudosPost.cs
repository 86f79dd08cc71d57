using SalesBot.Conversations.Messages;
using SalesBot.Core.Wins;

namespace SalesBot.Conversations.Flows;

/// <summary>
/// The kudos part of a win's celebration post: the "👏 Kudos" button and, once teammates pressed it,
/// the count with the first few names ("👏 4 — Ben, Chloe, Diego and 1 more").
/// </summary>
public static class KudosPost
{
    public const string Verb = "win.kudos";
    public const string ButtonTitle = "👏 Kudos";

    /// <summary>The button's data: the win, and the rep whose history holds it (a point read). Both are checked when pressed.</summary>
    public const string WinKey = "win";
    public const string RepKey = "rep";

    /// <summary>Names shown on the post; the rest are counted.</summary>
    public const int NamesShown = 3;

    /// <summary>The post with the kudos button and, when there are any, the kudos line added.</summary>
    public static OutboundMessage AddTo(OutboundMessage post, Win win, WinKudos? kudos)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(win);
        var blocks = post.Blocks.ToList();
        if (Line(kudos) is { } line)
        {
            blocks.Add(new Paragraph(line));
        }

        return post with { Blocks = blocks, Actions = [.. post.Actions, Button(win)] };
    }

    public static ActionButton Button(Win win)
    {
        ArgumentNullException.ThrowIfNull(win);
        return new ActionButton(ButtonTitle, Verb, new Dictionary<string, string> { [WinKey] = win.Id, [RepKey] = win.MemberId });
    }

    /// <summary>"👏 4 — Ben, Chloe, Diego and 1 more"; null before the first kudos.</summary>
    public static string? Line(WinKudos? kudos)
    {
        if (kudos is null || kudos.Count == 0)
        {
            return null;
        }

        var names = kudos.Givers.Select(g => g.Name).ToList();
        return $"👏 {kudos.Count} — {Names(names, NamesShown, "more")}";
    }

    /// <summary>"Ben", "Ben and Chloe", "Ben, Chloe and Diego", "Ben, Chloe, Diego and 2 more".</summary>
    public static string Names(IReadOnlyList<string> names, int shown, string rest)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count > shown)
        {
            return $"{string.Join(", ", names.Take(shown))} and {names.Count - shown} {rest}";
        }

        return names.Count switch
        {
            0 => string.Empty,
            1 => names[0],
            _ => $"{string.Join(", ", names.Take(names.Count - 1))} and {names[^1]}",
        };
    }
}
