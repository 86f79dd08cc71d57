using NodaTime;
using SalesBot.Core.Reflections;

namespace SalesBot.Conversations.Ports;

/// <summary>Monthly reflections, one per member per month. Written through <see cref="ChangeSet.PutReflection"/>.</summary>
public interface IReflectionStore
{
    Task<Reflection?> GetAsync(string memberId, YearMonth month, CancellationToken cancellationToken = default);
}
