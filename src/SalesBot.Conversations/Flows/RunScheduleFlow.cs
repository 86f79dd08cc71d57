using NodaTime;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Ports;
using SalesBot.Conversations.Scheduling;
using SalesBot.Core.Organization;
using SalesBot.Core.Schedules;

namespace SalesBot.Conversations.Flows;

/// <summary>
/// A manager runs a schedule now instead of waiting for it ("run prompts", "run reminders", "run
/// reflection", "run alerts", "run digest", "run rollup"): for a demo, or after changing the schedule. The usual rules
/// still hold: once per person per day (or month), and nobody away, on a holiday or already checked in.
/// </summary>
public sealed class RunScheduleFlow(IMemberStore members, ScheduledPrompts prompts, IClock clock) : IFlow
{
    private static readonly Dictionary<string, PromptKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["prompts"] = PromptKind.CheckIn,
        ["prompt"] = PromptKind.CheckIn,
        ["checkins"] = PromptKind.CheckIn,
        ["check-ins"] = PromptKind.CheckIn,
        ["reminders"] = PromptKind.Reminder,
        ["reminder"] = PromptKind.Reminder,
        ["reflection"] = PromptKind.Reflection,
        ["reflections"] = PromptKind.Reflection,
        ["digest"] = PromptKind.Digest,
        ["rollup"] = PromptKind.Rollup,
        ["roll-up"] = PromptKind.Rollup,
        ["alerts"] = PromptKind.Alerts,
        ["alert"] = PromptKind.Alerts,
    };

    public IReadOnlyList<string> Commands { get; } = ["run"];

    public IReadOnlyList<string> Verbs { get; } = [];

    public Task<TurnResult> OnSubmitAsync(Turn turn, FormSubmission submission, CancellationToken cancellationToken) =>
        OnCommandAsync(turn, string.Empty, cancellationToken);

    public async Task<TurnResult> OnCommandAsync(Turn turn, string argument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (!turn.Member.Role.CanSeeTeamStatus())
        {
            return TurnResult.Reply("Running a schedule by hand is for managers. Your own prompts come on your schedule: say \"schedule\" to see it.");
        }

        if (!Kinds.TryGetValue(argument.Trim(), out var kind))
        {
            return TurnResult.Reply("Run which schedule? Say \"run prompts\", \"run reminders\", \"run reflection\", \"run alerts\", \"run digest\" or \"run rollup\".");
        }

        var now = clock.GetCurrentInstant();
        var recipients = kind is PromptKind.Digest or PromptKind.Rollup or PromptKind.Alerts
            ? [turn.Member] // the asker sees the digest or roll-up they asked for
            : (await members.ListTeamAsync(turn.Team.Id, cancellationToken)).Where(m => m.Role.IsRep()).ToList();
        var queued = new List<string>();
        var notQueued = new List<string>();
        foreach (var member in recipients)
        {
            var calendar = new MemberCalendar(member, turn.Team);
            var today = calendar.Today(now);
            if (!calendar.IsAvailable(today) && kind is not (PromptKind.Digest or PromptKind.Rollup or PromptKind.Alerts))
            {
                notQueued.Add($"{member.DisplayName} ({(calendar.IsAway(today) ? "away" : "not a working day")})");
                continue;
            }

            var anchor = kind is PromptKind.Reflection or PromptKind.Rollup ? calendar.FirstWorkingDayOfMonth(today) : today;
            var occurrence = new Occurrence(kind, today, anchor, now);
            (await prompts.StageNowAsync(occurrence, calendar, turn.Team, turn.Changes, cancellationToken) ? queued : notQueued)
                .Add(member.DisplayName);
        }

        var what = kind switch
        {
            PromptKind.CheckIn => "check-in prompts",
            PromptKind.Reminder => "reminders",
            PromptKind.Reflection => "reflection prompts",
            PromptKind.Digest => "the weekly digest",
            PromptKind.Alerts => "today's coaching alerts",
            _ => "the monthly roll-up",
        };
        var text = queued.Count == 0
            ? $"Nothing to send for {what}: nobody needs one right now."
            : $"Sending {what} to {string.Join(", ", queued)}.";
        if (notQueued.Count > 0)
        {
            text += $" Not sent to: {string.Join(", ", notQueued)} (already sent today, checked in, away, or outside working hours).";
        }

        return TurnResult.Reply(text);
    }
}
