using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace SalesBot.Conversations.Flows;

/// <summary>How dates read in messages: "Fri 20 Nov".</summary>
public static class Dates
{
    private static readonly LocalDatePattern Short = LocalDatePattern.Create("ddd d MMM", CultureInfo.InvariantCulture);
    private static readonly LocalDatePattern Iso = LocalDatePattern.Iso;

    public static string Display(LocalDate date) => Short.Format(date);

    public static string ToIso(LocalDate date) => Iso.Format(date);

    public static LocalDate? ParseIso(string? text) =>
        text is not null && Iso.Parse(text) is { Success: true } r ? r.Value : null;
}
