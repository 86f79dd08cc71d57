using NodaTime;
using SalesBot.Core.Summaries;

namespace SalesBot.Conversations.Ports;

/// <summary>
/// Each member's months as kept at write time: every <see cref="CheckInPut"/> and <see cref="WinAdd"/>
/// updates its month in the same commit, so a summary reads a few small documents whatever the
/// length of the history.
/// </summary>
public interface IRollupStore
{
    /// <summary>The member's months from <paramref name="from"/> to <paramref name="to"/> inclusive, oldest first; a month with nothing in it has none.</summary>
    Task<IReadOnlyList<MonthRollup>> ListAsync(string memberId, YearMonth from, YearMonth to, CancellationToken cancellationToken = default);
}
