using System.Text.RegularExpressions;
using SalesBot.Core.Wins;

namespace SalesBot.Core.Metrics;

/// <summary>
/// Reads "quota @ava 5 deals", "quota Ava $40,000", "quota ava 5 deals and $40k", "quota ava off":
/// the name comes first, then the quota. A number followed by "deal(s)" is deals; any other amount is
/// revenue, shown later with the symbol typed.
/// </summary>
public static partial class QuotaText
{
    /// <summary>The name typed and the quota (an empty one for "off"), or the problem with the quota.</summary>
    public static (string Name, MonthlyQuota? Quota, string? Problem) Parse(string text)
    {
        var t = (text ?? string.Empty).Trim();
        var start = SpecStart().Match(t);
        if (!start.Success)
        {
            return (t.TrimStart('@').Trim(), null, null);
        }

        var name = t[..start.Index].Trim().TrimStart('@').Trim().TrimEnd(':', ',').Trim();
        var spec = t[start.Index..].Trim();
        if (Off().IsMatch(spec))
        {
            return (name, new MonthlyQuota(null, null), null);
        }

        int? deals = null;
        decimal? revenue = null;
        string? currency = null;
        foreach (var part in Parts().Split(spec).Select(p => p.Trim()).Where(p => p.Length > 0))
        {
            if (Deals().Match(part) is { Success: true } d)
            {
                if (d.Groups["minus"].Success)
                {
                    return (name, null, "A quota can't be negative.");
                }

                if (!int.TryParse(d.Groups["n"].Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
                {
                    return (name, null, $"{MonthlyQuota.MaxDeals:N0} deals a month is more than I can track; check the number.");
                }

                deals = n;
                continue;
            }

            var amountText = Revenue().Replace(part, string.Empty).Trim();
            var (amount, symbol, problem) = WinAmount.Parse(amountText);
            if (problem is not null)
            {
                return (name, null, problem.Replace("for one deal", "as a quota", StringComparison.Ordinal));
            }

            revenue = amount;
            currency = symbol;
        }

        var quota = new MonthlyQuota(deals, revenue, currency);
        return quota.Problem() is { } quotaProblem ? (name, null, quotaProblem) : (name, quota, null);
    }

    // Where the quota starts: the first number, currency symbol, minus sign or "off".
    [GeneratedRegex(@"(?:^|\s)(?=[-−$€£¥₹]|\d|(?:off|clear|none|remove)\s*$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex SpecStart();

    [GeneratedRegex(@"^(?:off|clear|none|remove)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Off();

    [GeneratedRegex(@"\s*(?:\band\b|\+|;|,(?!\d{3}))\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Parts();

    [GeneratedRegex(@"^(?<minus>[-−]\s*)?(?<n>\d+)\s*deals?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Deals();

    [GeneratedRegex(@"\b(?:in\s+)?(?:revenue|sales)\b|\s+a\s+month$|/\s*month$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Revenue();
}
