using NodaTime;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Organization;

namespace SalesBot.Conversations.Flows;

/// <summary>
/// The daily ask (seed 002): each rep gets the check-in form in their 1:1 chat at their local prompt
/// time on working days, unless they have already checked in. Prompts are queued in the outbox under
/// <c>checkin-prompt:{member}:{day}</c>, so however often this runs, on however many instances, a
/// rep is asked once a day.
/// </summary>
public sealed class CheckInPrompts(
    IOrganizationStore organizations,
    IMemberStore members,
    ICheckInStore checkIns,
    IOutbox outbox,
    PromptSchedule schedule,
    IClock clock)
{
    /// <summary>Queues the prompts due now; returns how many were newly queued.</summary>
    public async Task<int> QueueDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetCurrentInstant();
        var queued = 0;
        foreach (var team in await organizations.ListTeamsAsync(cancellationToken))
        {
            foreach (var rep in (await members.ListTeamAsync(team.Id, cancellationToken)).Where(m => m.Role.IsRep() && m.Metrics.Count > 0))
            {
                if (schedule.DueDay(now, rep.TimeZone) is not { } day)
                {
                    continue;
                }

                var reportDate = WorkWeek.PreviousWorkday(day);
                if (await checkIns.GetAsync(rep.Id, reportDate, cancellationToken) is not null)
                {
                    continue; // already checked in before being asked
                }

                var added = await outbox.TryEnqueueAsync(
                    new OutboxMessage
                    {
                        Key = $"checkin-prompt:{rep.Id}:{Dates.ToIso(day)}",
                        RecipientKind = RecipientKind.Member,
                        RecipientId = rep.Id,
                        Message = Prompt(rep, reportDate),
                        CreatedAt = now,
                        NextAttemptAt = now,
                    },
                    cancellationToken);
                queued += added ? 1 : 0;
            }
        }

        return queued;
    }

    public static OutboundMessage Prompt(Member rep, LocalDate reportDate)
    {
        ArgumentNullException.ThrowIfNull(rep);
        var form = CheckInMessages.Form(rep, reportDate);
        return form with { Text = $"Good morning {rep.DisplayName}! Time for your check-in: your numbers for {Dates.Display(reportDate)}, today's top 3 and blockers." };
    }
}
