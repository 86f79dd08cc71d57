using Microsoft.Extensions.Logging;
using NodaTime;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;
using SalesBot.Core.Schedules;

namespace SalesBot.Conversations.Scheduling;

/// <summary>
/// Queues what the stored schedules say is due: check-in prompts, reminders, reflections, coaching
/// alerts, digests and roll-ups, each in its member's zone. Keyed by <see cref="PromptKeys"/>, so running it often, late,
/// or on several instances sends each once. Something found later than the catch-up grace is recorded
/// as skipped, with a log line, and never sent.
/// </summary>
public sealed partial class ScheduledPrompts(
    IScheduleIndex schedules,
    IMemberStore members,
    IOrganizationStore organizations,
    IOutbox outbox,
    IOutboxSignal outboxSignal,
    IStoreWriter writer,
    ScheduledMessages messages,
    SchedulePlan plan,
    SchedulePolicy policy,
    IClock clock,
    ILogger<ScheduledPrompts> logger)
{
    private const int CommitEvery = 100;

    /// <summary>Queues what is due now in zones whose plan says so; returns what it did and when to run next.</summary>
    public async Task<ScheduleRun> RunDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetCurrentInstant();
        var generation = plan.Generation;
        var run = new ScheduleRun();
        foreach (var zoneId in await schedules.ListTimeZonesAsync(cancellationToken))
        {
            if (!plan.IsDue(zoneId, now, policy.Replan))
            {
                continue;
            }

            var (zoneRun, next) = await RunZoneAsync(zoneId, now, cancellationToken);
            run = run.Add(zoneRun);
            plan.Set(zoneId, next, now, generation);
        }

        return run with { NextDue = plan.NextDue() };
    }

    private async Task<(ScheduleRun Run, Instant? Next)> RunZoneAsync(string zoneId, Instant now, CancellationToken cancellationToken)
    {
        var teams = new Dictionary<string, Team?>(StringComparer.Ordinal);
        var changes = new ChangeSet();
        var run = new ScheduleRun();
        Instant? next = null;
        var memberCount = 0;
        var staged = 0;
        foreach (var key in await schedules.ListMembersInZoneAsync(zoneId, cancellationToken))
        {
            if (await members.GetAsync(key.TeamId, key.MemberId, cancellationToken) is not { } stored)
            {
                continue;
            }

            if (!teams.TryGetValue(key.TeamId, out var team))
            {
                team = teams[key.TeamId] = (await organizations.GetTeamAsync(key.TeamId, cancellationToken))?.Value;
            }

            if (team is null)
            {
                continue;
            }

            var calendar = new MemberCalendar(stored.Value, team);
            foreach (var occurrence in calendar.Between(now - policy.Lookback, now))
            {
                run = run.Add(await StageAsync(occurrence, calendar, team, now, changes, cancellationToken));
            }

            next = Earliest(next, calendar.NextAfter(now));
            if (++memberCount % CommitEvery == 0)
            {
                await CommitAsync(changes, run.Queued > staged, cancellationToken);
                staged = run.Queued;
                changes = new ChangeSet();
            }
        }

        await CommitAsync(changes, run.Queued > staged, cancellationToken);
        return (run, next);
    }

    /// <summary>
    /// Queues one occurrence for its member now, whatever its scheduled time (a manager's "run reminders",
    /// the playground): still once per key, and only if it is wanted.
    /// </summary>
    public async Task<bool> StageNowAsync(Occurrence occurrence, MemberCalendar calendar, Team team, ChangeSet changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var now = clock.GetCurrentInstant();
        return (await StageAsync(occurrence with { At = now }, calendar, team, now, changes, cancellationToken)).Queued > 0;
    }

    private async Task<ScheduleRun> StageAsync(Occurrence occurrence, MemberCalendar calendar, Team team, Instant now, ChangeSet changes,
        CancellationToken cancellationToken)
    {
        var member = calendar.Member;
        var key = PromptKeys.For(occurrence, member.Id);
        if (changes.Changes.OfType<OutboxAdd>().Any(a => a.Message.Key == key) || await outbox.GetAsync(key, cancellationToken) is not null)
        {
            return new ScheduleRun();
        }

        if (!await messages.IsWantedAsync(occurrence, calendar, cancellationToken))
        {
            return new ScheduleRun();
        }

        // Day-bound messages are worth sending only within that day's working hours; digests wait for the next.
        var expires = occurrence.Kind is PromptKind.CheckIn or PromptKind.Reminder or PromptKind.Reflection or PromptKind.Alerts
            ? calendar.EndOfWorkingHours(occurrence.Day)
            : (Instant?)null;
        var sendAt = calendar.NextInWorkingHours(Instant.Max(occurrence.At, now));
        var late = now - occurrence.At;
        string? skipped = late > policy.CatchUpGrace
            ? $"Due at {occurrence.At} but found {late.TotalMinutes:F0} minutes late, past the {policy.CatchUpGrace.TotalMinutes:F0}-minute catch-up grace."
            : expires is { } end && sendAt >= end
                ? $"Due at {occurrence.At}, outside {member.DisplayName}'s working hours, and that day's hours were over."
                : null;
        if (skipped is not null)
        {
            LogSkipped(logger, key, skipped);
            changes.Enqueue(Record(key, member, now, OutboxStatus.Skipped, skipped));
            return new ScheduleRun(Skipped: 1);
        }

        var message = await messages.ForAsync(occurrence, calendar, team, cancellationToken);
        changes.Enqueue(Record(key, member, now, OutboxStatus.Pending, null) with { Message = message, NextAttemptAt = sendAt, ExpiresAt = expires });
        return new ScheduleRun(Queued: 1);
    }

    private static OutboxMessage Record(string key, Member member, Instant now, OutboxStatus status, string? error) => new()
    {
        Key = key,
        RecipientKind = RecipientKind.Member,
        RecipientId = member.Id,
        TeamId = member.TeamId,
        Message = Messages.OutboundMessage.Plain(error ?? string.Empty),
        CreatedAt = now,
        NextAttemptAt = now,
        Status = status,
        LastError = error,
    };

    private async Task CommitAsync(ChangeSet changes, bool queued, CancellationToken cancellationToken)
    {
        if (!changes.IsEmpty)
        {
            // Enqueue keeps the first message of a key, so another instance's run adds nothing.
            await writer.CommitAsync(changes, cancellationToken);
        }

        if (queued)
        {
            // The outbox starts on these while the rest of a big zone is read: at nine, the first prompts go out at once.
            outboxSignal.Notify();
        }
    }

    private static Instant? Earliest(Instant? a, Instant? b) => a is null ? b : b is null ? a : Instant.Min(a.Value, b.Value);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Scheduled message {Key} skipped: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string key, string reason);
}

/// <summary>What a schedule run queued and skipped, and when anything is next due.</summary>
public sealed record ScheduleRun(int Queued = 0, int Skipped = 0, Instant? NextDue = null)
{
    public ScheduleRun Add(ScheduleRun other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return this with { Queued = Queued + other.Queued, Skipped = Skipped + other.Skipped };
    }
}
