using NodaTime;
using SalesBot.Core.Wins;

namespace SalesBot.Conversations.Ports;

/// <summary>Wins, kept with the member's history. Written through <see cref="ChangeSet.AddWin"/>.</summary>
public interface IWinStore
{
    Task<Win?> GetAsync(string memberId, string winId, CancellationToken cancellationToken = default);

    /// <summary>The member's wins in [from, to), oldest first.</summary>
    Task<IReadOnlyList<Win>> ListForMemberAsync(string memberId, Instant from, Instant to, CancellationToken cancellationToken = default);
}
