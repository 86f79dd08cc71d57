using NodaTime;
using SalesBot.Conversations.Flows;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Metrics;
using SalesBot.Core.Organization;
using SalesBot.Core.Schedules;

namespace SalesBot.Conversations.Metrics;

/// <summary>
/// The one way a rep's metrics change, whether typed, submitted in the form or pressed on a proficiency
/// nudge: only by someone in the rep's manager chain, staged against the version stored now, and from
/// the rep's next report day so that the day being reported on keeps its targets.
/// </summary>
public sealed class RepMetricChange(IMemberStore members, IClock clock)
{
    /// <summary>The reps on the turn's team whose metrics the speaker may change: those who report to them.</summary>
    public async Task<IReadOnlyList<Member>> ManageableRepsAsync(Turn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (!turn.Member.Role.CanSeeTeamStatus())
        {
            return [];
        }

        var roster = await members.ListTeamAsync(turn.Team.Id, cancellationToken);
        var people = roster.ToDictionary(m => m.Id);
        return roster.Where(r => r.Role.IsRep() && r.Id != turn.Member.Id && ReportingLine.CanSee(turn.Member, r, people))
            .OrderBy(r => r.DisplayName, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>The rep with this id, when the speaker may change their metrics; null otherwise (unknown or not theirs alike).</summary>
    public async Task<Member?> ManageableAsync(Turn turn, string? memberId, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(memberId) ? null : (await ManageableRepsAsync(turn, cancellationToken)).FirstOrDefault(r => r.Id == memberId);

    /// <summary>The rep's current report day and the next one, from which a change applies.</summary>
    public (LocalDate Current, LocalDate From) Days(Member rep, Team team)
    {
        var calendar = new MemberCalendar(rep, team);
        var current = calendar.ReportDateFor(clock.GetCurrentInstant());
        return (current, calendar.NextWorkingDay(current));
    }

    /// <summary>Stages the rep with <paramref name="metrics"/>; null when they are what the rep has already.</summary>
    public async Task<Member?> ApplyAsync(Turn turn, Member rep, IReadOnlyList<LeadMetric> metrics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(rep);
        var stored = await members.GetAsync(rep.TeamId, rep.Id, cancellationToken);
        var before = stored?.Value ?? rep;
        if (Same(before.Metrics, metrics))
        {
            return null;
        }

        var (current, from) = Days(before, turn.Team);
        var after = before.WithMetricsFrom(metrics, from, current);
        turn.Changes.PutMember(after, Expect.For(stored), before);
        return after;
    }

    public static bool Same(IReadOnlyList<LeadMetric> a, IReadOnlyList<LeadMetric> b) => a.SequenceEqual(b);
}
