namespace SalesBot.Core.Wins;

/// <summary>
/// Reads a logged win: "closed Acme 40k", "moved Globex to proposal", "booked a demo with Initech".
/// The kind is a guess from the words; the text is kept as typed.
/// </summary>
public static class WinText
{
    public static string? Problem(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "Tell me what happened, e.g. `win moved Acme to proposal` or `win booked a demo with Globex`.";
        }

        return text.Trim().Length > Win.MaxTextLength ? $"Keep it under {Win.MaxTextLength} characters; it's a headline, not a report." : null;
    }

    public static WinKind Classify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.ToLowerInvariant();
        if (ContainsAny(t, "closed", "signed", "won the deal", "deal won", "closed-won"))
        {
            return WinKind.DealClosed;
        }

        if (ContainsAny(t, "meeting", "demo", "booked", "call scheduled", "appointment"))
        {
            return WinKind.MeetingWon;
        }

        if (ContainsAny(t, "moved", "advanced", "next stage", "to proposal", "to negotiation", "qualified"))
        {
            return WinKind.StageAdvanced;
        }

        return WinKind.Other;
    }

    private static bool ContainsAny(string text, params string[] words) => words.Any(text.Contains);
}
