using SalesBot.Core.Wins;

namespace SalesBot.Conversations.Ports;

/// <summary>
/// The kudos on each win, kept beside the win in the rep's history (one point read). Written through
/// <see cref="ChangeSet.PutKudos"/> with <see cref="Expect.Version"/>, so two teammates pressing at the
/// same moment both count: the second commit conflicts and its turn runs again on what the first wrote.
/// </summary>
public interface IKudosStore
{
    Task<Stored<WinKudos>?> GetAsync(string memberId, string winId, CancellationToken cancellationToken = default);
}
