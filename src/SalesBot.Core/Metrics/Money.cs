using System.Globalization;

namespace SalesBot.Core.Metrics;

/// <summary>
/// Amounts as people read them: thousands separators, no decimals unless there are cents, and the
/// symbol the manager typed when setting the quota (SalesBot has no team currency).
/// </summary>
public static class Money
{
    public static string Format(decimal amount, string? currency = null)
    {
        var number = amount == decimal.Truncate(amount)
            ? amount.ToString("#,0", CultureInfo.InvariantCulture)
            : amount.ToString("#,0.00", CultureInfo.InvariantCulture);
        return $"{currency}{number}";
    }
}
