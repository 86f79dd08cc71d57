using NodaTime;
using SalesBot.Core.Reflections;

namespace SalesBot.Conversations.Ports;

public interface IReflectionStore
{
    /// <summary>Creates or replaces the member's reflection for its month.</summary>
    Task SaveAsync(Reflection reflection, CancellationToken cancellationToken = default);

    Task<Reflection?> GetAsync(string memberId, YearMonth month, CancellationToken cancellationToken = default);
}
