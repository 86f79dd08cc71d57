using System.Collections.Concurrent;
using NodaTime;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;

namespace SalesBot.Conversations.Caching;

/// <summary>
/// The teams turns belong to, kept for <see cref="KeepFor"/>: every turn needs its team (working days,
/// pipeline, metric plans), and a busy team's document would otherwise be read and parsed on each one.
/// This instance's own commits drop what they change at once; a change made by another instance is
/// seen within <see cref="KeepFor"/>. Writes never use it: they read the stored version afresh.
/// At most <see cref="MaxTeams"/> are kept; past that the cache starts over.
/// </summary>
public sealed class TeamCache(IClock clock)
{
    public static readonly Duration KeepFor = Duration.FromSeconds(5);
    public const int MaxTeams = 2_000;
    private readonly ConcurrentDictionary<string, (Team Team, Instant Until)> _teams = new(StringComparer.Ordinal);

    public async Task<Team?> GetAsync(string teamId, IOrganizationStore organizations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organizations);
        var now = clock.GetCurrentInstant();
        if (_teams.TryGetValue(teamId, out var kept) && now < kept.Until)
        {
            return kept.Team;
        }

        var stored = await organizations.GetTeamAsync(teamId, cancellationToken);
        if (stored is null)
        {
            _teams.TryRemove(teamId, out _);
            return null;
        }

        if (_teams.Count >= MaxTeams)
        {
            _teams.Clear();
        }

        _teams[teamId] = (stored.Value, now + KeepFor);
        return stored.Value;
    }

    /// <summary>Drops the teams a commit wrote, so this instance's next turn reads what was just stored.</summary>
    public void AfterCommit(ChangeSet changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var put in changes.Changes.OfType<TeamPut>())
        {
            _teams.TryRemove(put.Team.Id, out _);
        }
    }

    /// <summary>Drops a team whose cached copy may be behind (its turn met another writer).</summary>
    public void Forget(string teamId) => _teams.TryRemove(teamId, out _);
}
