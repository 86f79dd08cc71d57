using NodaTime;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Conversations.Scheduling;

namespace SalesBot.Conversations.Flows;

/// <summary>
/// "Remind me in 1 hour" on a check-in prompt: the prompt comes back once more, at most
/// <see cref="PromptKeys.MaxSnoozesPerDay"/> times a day, never outside working hours, and not at all
/// once the rep has checked in or gone away. The snoozed prompt replaces the day's reminder.
/// </summary>
public sealed class SnoozeFlow(IOutbox outbox, ICheckInStore checkIns, SchedulePolicy policy, IClock clock) : IFlow
{
    public IReadOnlyList<string> Commands { get; } = ["snooze", "remind me later", "remind me in an hour", "remind me in 1 hour"];

    public IReadOnlyList<string> Verbs { get; } = [ScheduledMessages.SnoozeVerb];

    public Task<TurnResult> OnSubmitAsync(Turn turn, FormSubmission submission, CancellationToken cancellationToken) =>
        OnCommandAsync(turn, string.Empty, cancellationToken);

    public async Task<TurnResult> OnCommandAsync(Turn turn, string argument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var now = clock.GetCurrentInstant();
        var calendar = turn.Calendar;
        var today = calendar.Today(now);
        var reportDate = calendar.ReportDateFor(today);
        if (turn.Member.Metrics.Count == 0)
        {
            return TurnResult.Reply("You have no check-in to snooze: you have no lead metrics yet.");
        }

        if (await checkIns.GetAsync(turn.Member.Id, reportDate, cancellationToken) is not null)
        {
            return TurnResult.Reply($"You're already checked in for {Dates.Display(reportDate)}, so there's nothing to snooze. 🙌");
        }

        var at = now + policy.Snooze;
        var endOfDay = calendar.EndOfWorkingHours(today);
        if (!calendar.IsAvailable(today) || at >= endOfDay)
        {
            return TurnResult.Reply($"An hour from now is after your working hours (they end at {DayText.Display(calendar.Schedule.WorkdayEnd)}), so I won't ping you again today. Say \"check in\" whenever you're ready.");
        }

        for (var n = 1; n <= PromptKeys.MaxSnoozesPerDay; n++)
        {
            var key = PromptKeys.Snooze(turn.Member.Id, today, n);
            if (await outbox.GetAsync(key, cancellationToken) is not null)
            {
                continue;
            }

            turn.Changes.Enqueue(new OutboxMessage
            {
                Key = key,
                RecipientKind = RecipientKind.Member,
                RecipientId = turn.Member.Id,
                TeamId = turn.Member.TeamId,
                Message = ScheduledMessages.Saying(
                    ScheduledMessages.CheckInPrompt(turn.Member, reportDate) with { Blocks = CheckInMessages.Form(turn.Member, reportDate).Blocks },
                    $"Here's your snoozed check-in, {turn.Member.DisplayName}: your numbers for {Dates.Display(reportDate)}, today's top 3 and blockers."),
                CreatedAt = now,
                NextAttemptAt = at,
                ExpiresAt = endOfDay,
            });
            var local = at.InZone(calendar.Zone).TimeOfDay;
            return TurnResult.Reply($"OK, I'll ask again at {DayText.Display(local)}. ⏰");
        }

        return TurnResult.Reply($"You've snoozed {PromptKeys.MaxSnoozesPerDay} times today, so I'll stop asking. Say \"check in\" whenever you're ready, or \"skip today\".");
    }
}
