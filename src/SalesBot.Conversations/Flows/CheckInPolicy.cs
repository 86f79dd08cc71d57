using SalesBot.Core.CheckIns;

namespace SalesBot.Conversations.Flows;

/// <summary>How far back a rep may correct a check-in (configuration <c>CheckIns:EditWindowWorkingDays</c>).</summary>
public sealed record CheckInPolicy
{
    /// <summary>Working days before the current report day that may still be corrected; time away and holidays don't count.</summary>
    public int EditWindowWorkingDays { get; init; } = 2;

    public string? Problem() => EditWindowWorkingDays is < 0 or > CheckInEditWindow.MaxWorkingDays
        ? $"CheckIns:EditWindowWorkingDays must be from 0 to {CheckInEditWindow.MaxWorkingDays}; it is {EditWindowWorkingDays}."
        : null;
}
