using SalesBot.Core.Organization;

namespace SalesBot.Conversations.Ports;

/// <summary>Members, kept with their team. Written through <see cref="ChangeSet.PutMember"/>.</summary>
public interface IMemberStore
{
    Task<Stored<Member>?> GetAsync(string teamId, string memberId, CancellationToken cancellationToken = default);

    /// <summary>A point read of the account's lookup, then of the member.</summary>
    Task<Stored<Member>?> FindByChannelAccountAsync(ChannelAccount account, CancellationToken cancellationToken = default);

    /// <summary>The team's members, ordered by id.</summary>
    Task<IReadOnlyList<Member>> ListTeamAsync(string teamId, CancellationToken cancellationToken = default);
}
