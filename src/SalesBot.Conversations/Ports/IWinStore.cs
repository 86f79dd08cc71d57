using NodaTime;
using SalesBot.Core.Wins;

namespace SalesBot.Conversations.Ports;

public interface IWinStore
{
    /// <summary>Stores the win; a second save with the same id is ignored and returns false.</summary>
    Task<bool> AddAsync(Win win, CancellationToken cancellationToken = default);

    /// <summary>The member's wins in [from, to), oldest first.</summary>
    Task<IReadOnlyList<Win>> ListForMemberAsync(string memberId, Instant from, Instant to, CancellationToken cancellationToken = default);
}
