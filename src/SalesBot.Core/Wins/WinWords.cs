using System.Text.RegularExpressions;
using SalesBot.Core.Pipeline;

namespace SalesBot.Core.Wins;

/// <summary>
/// Reads a win typed in plain words: "moved Acme to proposal" (a stage advance, when the stage is one
/// of the team's), "closed Contoso $12,000" (a deal closed with an amount), "booked a demo with
/// Globex" (a meeting booked); anything else is kept as a win in the rep's own words.
/// </summary>
public static partial class WinWords
{
    public static WinReading Read(string? text, PipelineStages pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        if (WinText.Problem(text) is { } problem)
        {
            return WinReading.Refused(problem);
        }

        var typed = text!.Trim();
        var plain = typed.TrimEnd('.', '!', ' ');
        if (StageMove().Match(plain) is { Success: true } move)
        {
            return Stage(typed, move.Groups["account"].Value, move.Groups["from"].Success ? move.Groups["from"].Value : null, move.Groups["to"].Value, pipeline);
        }

        // "won a demo with Globex" is a meeting, "won Contoso" a deal.
        if (DealClosed().Match(plain) is { Success: true } deal && !(plain.StartsWith("won", StringComparison.OrdinalIgnoreCase) && Meeting().IsMatch(plain)))
        {
            return Deal(typed, deal.Groups["rest"].Value);
        }

        if (Meeting().IsMatch(plain))
        {
            var account = MeetingWith().Match(plain) is { Success: true } with ? Account(with.Groups["account"].Value) : null;
            return account is { Length: > Win.MaxAccountLength }
                ? WinReading.Refused(AccountTooLong)
                : WinReading.Of(new WinDraft(WinKind.MeetingWon, typed, account));
        }

        return WinReading.Of(new WinDraft(WinKind.Other, typed));
    }

    /// <summary>A stage advance, checked against the team's stages and their order (a form's values arrive here too).</summary>
    public static WinReading Stage(string? text, string? account, string? from, string to, PipelineStages pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var name = Account(account);
        if (name.Length == 0)
        {
            return WinReading.Refused("Which account moved? e.g. `win moved Acme to proposal`.");
        }

        if (name.Length > Win.MaxAccountLength)
        {
            return WinReading.Refused(AccountTooLong);
        }

        if (pipeline.Find(to) is not { } toStage)
        {
            return WinReading.Refused($"\"{Clip(to)}\" isn't one of your team's pipeline stages: {pipeline.Listed}.");
        }

        string? fromStage;
        if (string.IsNullOrWhiteSpace(from))
        {
            fromStage = pipeline.Before(toStage);
        }
        else if (pipeline.Find(from) is not { } found)
        {
            return WinReading.Refused($"\"{Clip(from)}\" isn't one of your team's pipeline stages: {pipeline.Listed}.");
        }
        else if (!pipeline.IsForward(found, toStage))
        {
            return WinReading.Refused(found.Equals(toStage, StringComparison.OrdinalIgnoreCase)
                ? $"{name} is already in {toStage}, so there's no step to celebrate yet. Log it when it moves on!"
                : $"{name} went from {found} back to {toStage}: that's not a step forward, so I haven't logged it as a win. The pipeline runs {pipeline.Listed}.");
        }
        else
        {
            fromStage = found;
        }

        var words = text?.Trim() is { Length: > 0 } t ? t : fromStage is null ? $"moved {name} to {toStage}" : $"moved {name} from {fromStage} to {toStage}";
        return WinReading.Of(new WinDraft(WinKind.StageAdvanced, words, name, fromStage, toStage));
    }

    /// <summary>"Contoso", "Contoso 12000", "the deal with Contoso for $12,000".</summary>
    private static WinReading Deal(string typed, string rest)
    {
        var body = rest.Trim();
        decimal? amount = null;
        if (AmountAtEnd().Match(body) is { Success: true } tail && WinAmount.Looks(tail.Groups["amount"].Value))
        {
            var (parsed, _, problem) = WinAmount.Parse(tail.Groups["amount"].Value);
            if (problem is not null)
            {
                return WinReading.Refused(problem);
            }

            amount = parsed;
            body = tail.Groups["account"].Value;
        }

        var account = Account(DealOpening().Replace(body, string.Empty));
        if (account.Length == 0)
        {
            return WinReading.Refused("Which account? e.g. `win closed Contoso 12000` (the amount is optional).");
        }

        return account.Length > Win.MaxAccountLength
            ? WinReading.Refused(AccountTooLong)
            : WinReading.Of(new WinDraft(WinKind.DealClosed, typed, account, Amount: amount));
    }

    private static readonly string AccountTooLong = $"Keep the account name under {Win.MaxAccountLength} characters.";

    private static string Account(string? text)
    {
        var t = (text ?? string.Empty).Trim().TrimEnd(',', '.', '!', ':', ';').Trim();
        return t.StartsWith("the ", StringComparison.OrdinalIgnoreCase) ? t[4..].Trim() : t;
    }

    private static string Clip(string? text) => (text ?? string.Empty).Trim() is { Length: > 40 } t ? t[..40] + "…" : (text ?? string.Empty).Trim();

    // The last " to " starts the stage ("moved Back to Basics Ltd to proposal" keeps the account whole when the tail is a stage).
    [GeneratedRegex(@"^(?:moved|advanced|progressed|pushed|took|got|brought)\s+(?<account>.+?)(?:\s+from\s+(?<from>.+?))?\s+(?:to|into)\s+(?<to>(?:(?!\s(?:to|into)\s).)+)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex StageMove();

    [GeneratedRegex(@"^(?:closed(?:-won)?|signed|won)\s+(?<rest>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex DealClosed();

    [GeneratedRegex(@"^(?<account>.+?),?(?:\s+(?:for|at|worth))?\s+(?<amount>[-−]?\s*[$€£¥₹]?\s*[-−]?\d[\d,]*(?:\.\d+)?\s*[kKmM]?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex AmountAtEnd();

    [GeneratedRegex(@"^(?:(?:the|a|our|my)\s+)?(?:deal|contract|renewal)\s+(?:with|for|at)\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex DealOpening();

    [GeneratedRegex(@"\b(?:meeting|demo|booked|appointment|call scheduled)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Meeting();

    [GeneratedRegex(@"\bwith\s+(?<account>.+?)(?:\s+(?:on|for|next|this|tomorrow|today|at)\b.*)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex MeetingWith();
}
