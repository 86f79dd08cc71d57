namespace SalesBot.Core.Wins;

/// <summary>The checks every logged win's words pass, whatever their kind.</summary>
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
}
