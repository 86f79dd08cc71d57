using NodaTime;
using SalesBot.Core.CheckIns;

namespace SalesBot.Conversations.Ports;

/// <summary>Check-ins, one per member per report day, kept with the member's history. Written through <see cref="ChangeSet.PutCheckIn"/>.</summary>
public interface ICheckInStore
{
    Task<Stored<CheckIn>?> GetAsync(string memberId, LocalDate reportDate, CancellationToken cancellationToken = default);

    /// <summary>The member's check-ins from <paramref name="from"/> to <paramref name="to"/> inclusive, oldest first.</summary>
    Task<IReadOnlyList<CheckIn>> ListForMemberAsync(string memberId, LocalDate from, LocalDate to, CancellationToken cancellationToken = default);
}
