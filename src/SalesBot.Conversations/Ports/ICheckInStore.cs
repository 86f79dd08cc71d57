using NodaTime;
using SalesBot.Core.CheckIns;

namespace SalesBot.Conversations.Ports;

public interface ICheckInStore
{
    /// <summary>
    /// Stores the check-in for its member and day. If one exists, it is replaced, keeping the first
    /// <see cref="CheckIn.SubmittedAt"/> and setting <see cref="CheckIn.UpdatedAt"/>.
    /// </summary>
    Task<CheckInSave> SaveAsync(CheckIn checkIn, CancellationToken cancellationToken = default);

    Task<CheckIn?> GetAsync(string memberId, LocalDate reportDate, CancellationToken cancellationToken = default);

    /// <summary>The member's check-ins from <paramref name="from"/> to <paramref name="to"/> inclusive, oldest first.</summary>
    Task<IReadOnlyList<CheckIn>> ListForMemberAsync(string memberId, LocalDate from, LocalDate to, CancellationToken cancellationToken = default);
}

public enum CheckInSaveKind
{
    Created,
    Replaced,
}

/// <summary>What was stored, and whether it replaced an earlier check-in for the same day.</summary>
public sealed record CheckInSave(CheckInSaveKind Kind, CheckIn Stored, CheckIn? Previous);
