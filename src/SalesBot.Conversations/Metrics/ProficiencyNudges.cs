using NodaTime;
using SalesBot.Conversations.Flows;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Metrics;
using SalesBot.Core.Organization;

namespace SalesBot.Conversations.Metrics;

/// <summary>
/// After a check-in, in the same commit: for each metric the rep is now proficient on, the manager is told
/// (with the one-click choices) and the rep gets a note of recognition. Evaluated here rather than in a daily
/// job because the check-in is the only thing that can make a rep proficient, and the history is already
/// read. The outbox key is per rep, metric and target, so each nudge goes once; raising the target starts a
/// new window that can earn the next one.
/// </summary>
public sealed class ProficiencyNudges(IMemberStore members, IOutbox outbox, MetricPlans plans, ProficiencyWindow window, IClock clock)
{
    public static string Key(string memberId, string metricKey, int target) => $"proficiency:{memberId}:{metricKey}:{target}";

    public async Task AfterCheckInAsync(Turn turn, CheckIn checkIn, IReadOnlyList<CheckIn> history, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(checkIn);
        var rep = turn.Member;
        if (!rep.Role.IsRep())
        {
            return;
        }

        Member? manager = null;
        var now = clock.GetCurrentInstant();
        // Only on a day the target is met: "proficient" right after a miss would read oddly, and a day's
        // misses cost nothing more than the check-in.
        foreach (var metric in rep.Metrics.Where(m => checkIn.ValueOf(m.Key) is { } value && checkIn.AsOnTheDay(m).IsMet(value)))
        {
            var result = Proficiency.Evaluate(metric, history, turn.Calendar, checkIn.ReportDate, window);
            var key = Key(rep.Id, metric.Key, metric.DailyTarget);
            if (result is not { Proficient: true } || await outbox.GetAsync(key, cancellationToken) is not null)
            {
                continue;
            }

            manager ??= await ManagerOfAsync(rep, cancellationToken);
            if (manager is null)
            {
                return; // nobody to tell yet; the nudge comes on a later check-in once the team has a manager
            }

            var plan = plans.For(turn.Team);
            var next = plan.NextFor(rep, turn.Calendar.Today(now));
            // At three metrics, the habit graduates: the next one takes the proficient metric's place.
            var replaces = rep.Metrics.Count >= Member.MaxActiveMetrics ? metric : null;
            turn.Changes.Enqueue(ToMember(key, manager, MetricsMessages.Nudge(rep, result, next, replaces), now));
            turn.Changes.Enqueue(ToMember(key + ":rep", rep, MetricsMessages.Recognition(rep, result), now));
        }
    }

    /// <summary>The rep's own manager when set, else the first manager of their team (the reporting line's fallback).</summary>
    private async Task<Member?> ManagerOfAsync(Member rep, CancellationToken cancellationToken)
    {
        var roster = await members.ListTeamAsync(rep.TeamId, cancellationToken);
        return rep.ManagerId is { } id
            ? roster.FirstOrDefault(m => m.Id == id && m.Role.CanSeeTeamStatus())
            : roster.Where(m => m.Role == MemberRole.Manager).OrderBy(m => m.Id, StringComparer.Ordinal).FirstOrDefault();
    }

    private static OutboxMessage ToMember(string key, Member recipient, Messages.OutboundMessage message, Instant now) => new()
    {
        Key = key,
        RecipientKind = RecipientKind.Member,
        RecipientId = recipient.Id,
        TeamId = recipient.TeamId,
        Message = message,
        CreatedAt = now,
        NextAttemptAt = now,
    };
}
