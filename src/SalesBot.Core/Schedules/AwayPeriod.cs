using NodaTime;

namespace SalesBot.Core.Schedules;

/// <summary>
/// Days a member is away (vacation, sick, "skip today"), inclusive. While away they are not prompted
/// or reminded, are shown as away rather than missing, and their streak is not broken.
/// </summary>
public sealed record AwayPeriod(LocalDate From, LocalDate To, string Reason)
{
    public const int MaxKept = 30;
    public const int MaxLengthDays = 366;

    public bool Covers(LocalDate date) => date >= From && date <= To;
}
