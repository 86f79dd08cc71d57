using System.Globalization;
using System.Text.RegularExpressions;
using SalesBot.Core.Metrics;

namespace SalesBot.Core.Wins;

/// <summary>Reads an amount as a rep types it: "12000", "$12,000", "40k", "1.5m" (a dot is always the decimal point).</summary>
public static partial class WinAmount
{
    /// <summary>The largest deal SalesBot records; more is almost certainly a typo.</summary>
    public const decimal Max = MonthlyQuota.MaxRevenue;

    /// <summary>The amount and the currency symbol typed (or null), or the problem with it.</summary>
    public static (decimal? Amount, string? Currency, string? Problem) Parse(string? text)
    {
        var match = Pattern().Match(text?.Trim() ?? string.Empty);
        if (!match.Success)
        {
            return (null, null, $"I couldn't read \"{text}\" as an amount; write it like 12000, $12,000 or 40k.");
        }

        var digits = match.Groups["number"].Value.Replace(",", string.Empty, StringComparison.Ordinal);
        if (!decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            return (null, null, $"I couldn't read \"{text}\" as an amount; write it like 12000, $12,000 or 40k.");
        }

        amount *= match.Groups["scale"].Value.ToLowerInvariant() switch { "k" => 1_000m, "m" => 1_000_000m, _ => 1m };
        var currency = match.Groups["currency"].Value is { Length: > 0 } c ? c : null;
        if (match.Groups["minus"].Success || match.Groups["minus2"].Success)
        {
            return (null, currency, "An amount can't be negative.");
        }

        if (amount > Max)
        {
            return (null, currency, $"{Money.Format(amount, currency)} is more than I can record for one deal (up to {Money.Format(Max)}); check the number.");
        }

        return (decimal.Round(amount, 2), currency, null);
    }

    /// <summary>True when the text looks like an amount at all (so "Acme 2" is not mistaken for a bad one).</summary>
    public static bool Looks(string? text) => Pattern().IsMatch(text?.Trim() ?? string.Empty);

    [GeneratedRegex(@"^(?<minus>[-−])?\s*(?<currency>[$€£¥₹])?\s*(?<minus2>[-−])?\s*(?<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?<scale>[kKmM])?$",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Pattern();
}
