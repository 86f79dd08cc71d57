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
    IScheduleIndex schedules,
    IMemberStore members,
    ICheckInStore checkIns,
    IOutbox outbox,
    IStoreWriter writer,
    PromptSchedule schedule,
    IClock clock)
{
    /// <summary>
    /// Queues the prompts due now; returns how many this sweep staged (an instance sweeping at the same
    /// moment may stage the same prompt: the outbox keeps one, and it is sent once).
    /// </summary>
    public async Task<int> QueueDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetCurrentInstant();
        var queued = 0;
        foreach (var zoneId in await schedules.ListTimeZonesAsync(cancellationToken))
        {
            // Only zones where it is prompt time now are read at all.
            if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) is not { } zone || schedule.DueDay(now, zone) is not { } day)
            {
                continue;
            }

            var changes = new ChangeSet();
            foreach (var key in await schedules.ListMembersInZoneAsync(zoneId, cancellationToken))
            {
                if (await PromptFor(key, day, now, cancellationToken) is { } prompt)
                {
                    changes.Enqueue(prompt);
                }
            }

            if (!changes.IsEmpty)
            {
                // Enqueue keeps the first message of a key, so a second instance's sweep adds nothing.
                await writer.CommitAsync(changes, cancellationToken);
                queued += changes.Changes.Count;
            }
        }

        return queued;
    }

    private async Task<OutboxMessage?> PromptFor(MemberKey key, LocalDate day, Instant now, CancellationToken cancellationToken)
    {
        var rep = (await members.GetAsync(key.TeamId, key.MemberId, cancellationToken))?.Value;
        if (rep is null || !rep.Role.IsRep() || rep.Metrics.Count == 0)
        {
            return null;
        }

        var promptKey = Key(rep.Id, day);
        var reportDate = WorkWeek.PreviousWorkday(day);
        if (await outbox.GetAsync(promptKey, cancellationToken) is not null
            || await checkIns.GetAsync(rep.Id, reportDate, cancellationToken) is not null)
        {
            return null; // asked already, or checked in before being asked
        }

        return new OutboxMessage
        {
            Key = promptKey,
            RecipientKind = RecipientKind.Member,
            RecipientId = rep.Id,
            Message = Prompt(rep, reportDate),
            CreatedAt = now,
            NextAttemptAt = now,
        };
    }

    private const string KeyPrefix = "checkin-prompt:";

    /// <summary>The outbox key of a rep's prompt for a day: one per rep per day, whoever queues it.</summary>
    public static string Key(string memberId, LocalDate day) => $"{KeyPrefix}{memberId}:{Dates.ToIso(day)}";

    /// <summary>The rep and day of a prompt's outbox key; null for any other message.</summary>
    public static (string MemberId, LocalDate Day)? ParseKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var lastColon = key.LastIndexOf(':');
        if (!key.StartsWith(KeyPrefix, StringComparison.Ordinal) || lastColon <= KeyPrefix.Length
            || Dates.ParseIso(key[(lastColon + 1)..]) is not { } day)
        {
            return null;
        }

        return (key[KeyPrefix.Length..lastColon], day);
    }

    public static OutboundMessage Prompt(Member rep, LocalDate reportDate)
    {
        ArgumentNullException.ThrowIfNull(rep);
        var form = CheckInMessages.Form(rep, reportDate);
        return form with { Text = $"Good morning {rep.DisplayName}! Time for your check-in: your numbers for {Dates.Display(reportDate)}, today's top 3 and blockers." };
    }
}
