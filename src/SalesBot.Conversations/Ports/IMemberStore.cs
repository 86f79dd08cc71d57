using SalesBot.Core.Organization;

namespace SalesBot.Conversations.Ports;

public interface IMemberStore
{
    /// <summary>Creates or replaces the member.</summary>
    Task SaveAsync(Member member, CancellationToken cancellationToken = default);

    Task<Member?> GetAsync(string memberId, CancellationToken cancellationToken = default);

    Task<Member?> FindByChannelAccountAsync(ChannelAccount account, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Member>> ListTeamAsync(string teamId, CancellationToken cancellationToken = default);
}
