using NodaTime;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Schedules;

namespace SalesBot.Conversations.Scheduling;

/// <summary>
/// Right before a message to a member goes out: a check-in prompt or reminder is withdrawn once they
/// checked in, went away or the day became a holiday, and a reminder once they snoozed that day (the
/// snoozed prompt is the reminder). Anything due outside their working hours (quiet hours) waits for the
/// next start of them, or is withdrawn if it would then be past its day.
/// </summary>
public sealed class MemberDeliveryCheck(
    IMemberStore members,
    IOrganizationStore organizations,
    ICheckInStore checkIns,
    IOutbox outbox,
    IClock clock) : IDeliveryCheck
{
    public async Task<DeliveryDecision> DecideAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.RecipientKind != RecipientKind.Member || message.TeamId is not { } teamId
            || await members.GetAsync(teamId, message.RecipientId, cancellationToken) is not { } member
            || await organizations.GetTeamAsync(teamId, cancellationToken) is not { } team)
        {
            return DeliveryDecision.Send;
        }

        var calendar = new MemberCalendar(member.Value, team.Value);
        if (PromptKeys.Parse(message.Key) is { Day: { } day } prompt && prompt.Kind is PromptKind.CheckIn or PromptKind.Reminder
            && await StillWantedAsync(prompt, day, calendar, cancellationToken) is { } reason)
        {
            return DeliveryDecision.Withdraw(reason);
        }

        var now = clock.GetCurrentInstant();
        if (calendar.InWorkingHours(now))
        {
            return DeliveryDecision.Send;
        }

        var next = calendar.NextInWorkingHours(now);
        return message.ExpiresAt is { } expires && next >= expires
            ? DeliveryDecision.Withdraw($"Outside {member.Value.DisplayName}'s working hours until after it expired.")
            : DeliveryDecision.Hold(next, $"Quiet hours for {member.Value.DisplayName}: held until their working hours.");
    }

    private async Task<string?> StillWantedAsync(PromptKey prompt, LocalDate day, MemberCalendar calendar, CancellationToken cancellationToken)
    {
        var member = calendar.Member;
        if (calendar.IsAway(day))
        {
            return $"{member.DisplayName} is away on {Dates(day)}.";
        }

        if (!calendar.IsWorkingDay(day))
        {
            return $"{Dates(day)} is not a working day for {member.DisplayName}'s team.";
        }

        var reportDate = calendar.ReportDateFor(day);
        if (await checkIns.GetAsync(member.Id, reportDate, cancellationToken) is not null)
        {
            return $"{member.DisplayName} checked in for {Dates(reportDate)} before it went out.";
        }

        return prompt.Kind == PromptKind.Reminder && await outbox.GetAsync(PromptKeys.Snooze(member.Id, day, 1), cancellationToken) is not null
            ? $"{member.DisplayName} snoozed the prompt; the snoozed prompt is their reminder."
            : null;
    }

    private static string Dates(LocalDate day) => Flows.Dates.ToIso(day);
}
