using NodaTime;
using SalesBot.Conversations.Flows;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Ports;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Organization;
using SalesBot.Core.Schedules;

namespace SalesBot.Conversations.Scheduling;

/// <summary>What each scheduled message says: the check-in prompt, the reminder, the reflection, the coaching alerts, the digest, the roll-up.</summary>
public sealed class ScheduledMessages(ICheckInStore checkIns, ReflectionFlow reflection, TeamDigests digests, TeamAlerts alerts)
{
    public const string SnoozeVerb = "prompt.snooze";
    public const string SkipVerb = "prompt.skip";

    /// <summary>Whether the occurrence concerns this member at all: not for a rep with no metrics, nor once they checked in.</summary>
    public async Task<bool> IsWantedAsync(Occurrence occurrence, MemberCalendar calendar, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(occurrence);
        ArgumentNullException.ThrowIfNull(calendar);
        return occurrence.Kind switch
        {
            PromptKind.CheckIn or PromptKind.Reminder => calendar.Member.Metrics.Count > 0
                && await checkIns.GetAsync(calendar.Member.Id, calendar.ReportDateFor(occurrence.Day), cancellationToken) is null,
            PromptKind.Reflection => calendar.Member.Metrics.Count > 0,
            // Alerts go out only on a day there is something to say.
            PromptKind.Alerts => await alerts.ForAsync(calendar, occurrence.At, cancellationToken) is not null,
            _ => true,
        };
    }

    /// <summary>The message for an occurrence that <see cref="IsWantedAsync"/>.</summary>
    public async Task<OutboundMessage> ForAsync(Occurrence occurrence, MemberCalendar calendar, Team team, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(occurrence);
        ArgumentNullException.ThrowIfNull(calendar);
        var member = calendar.Member;
        switch (occurrence.Kind)
        {
            case PromptKind.CheckIn:
                return CheckInPrompt(member, calendar.ReportDateFor(occurrence.Day));
            case PromptKind.Reminder:
                return Reminder(member, calendar.ReportDateFor(occurrence.Day));
            case PromptKind.Reflection:
                var month = occurrence.Anchor.PlusMonths(-1).ToYearMonth();
                var form = await reflection.FormAsync(member, month, null, cancellationToken);
                return Saying(form, $"It's a new month, {member.DisplayName}: time to reflect on {ReflectionFlow.MonthName(month)}. What worked, what didn't, and what will you try?");
            case PromptKind.Alerts:
                return await alerts.ForAsync(calendar, occurrence.At, cancellationToken)
                       ?? OutboundMessage.Plain("No coaching alerts today: every rep who reports to you is on track.");
            case PromptKind.Digest:
                return await digests.WeekAsync(team, calendar, occurrence.Anchor, cancellationToken);
            default:
                return await digests.MonthAsync(team, calendar, occurrence.Anchor.PlusMonths(-1).ToYearMonth(), cancellationToken);
        }
    }

    public static OutboundMessage CheckInPrompt(Member rep, LocalDate reportDate)
    {
        ArgumentNullException.ThrowIfNull(rep);
        return Saying(CheckInMessages.Form(rep, reportDate), $"Good morning {rep.DisplayName}! Time for your check-in: your numbers for {Dates.Display(reportDate)}, today's top 3 and blockers.")
            with { Actions = PromptActions(reportDate) };
    }

    public static OutboundMessage Reminder(Member rep, LocalDate reportDate)
    {
        ArgumentNullException.ThrowIfNull(rep);
        return Saying(CheckInMessages.Form(rep, reportDate), $"A quick reminder, {rep.DisplayName}: your check-in for {Dates.Display(reportDate)} is still open. Two minutes, and you're done for the day.")
            with { Actions = PromptActions(reportDate) };
    }

    /// <summary>
    /// The message with <paramref name="text"/> as its preview and as its first line: a card's preview
    /// shows only in notifications, and the person should see why the form came.
    /// </summary>
    public static OutboundMessage Saying(OutboundMessage message, string text)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message with { Text = text, Blocks = [new Paragraph(text), .. message.Blocks] };
    }

    /// <summary>Snooze and skip, under every check-in prompt (the day is informative only: the server decides which day).</summary>
    private static IReadOnlyList<ActionButton> PromptActions(LocalDate reportDate)
    {
        var data = new Dictionary<string, string> { [CheckInMessages.ReportDateField] = Dates.ToIso(reportDate) };
        return [new ActionButton("Remind me in 1 hour", SnoozeVerb, data), new ActionButton("Skip today", SkipVerb, data)];
    }
}
