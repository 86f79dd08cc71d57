using System.Collections.Concurrent;
using NodaTime;

namespace SalesBot.Conversations.Scheduling;

/// <summary>
/// When each time zone next has something due, as last read from the stored schedules. Zones with
/// nothing due are not read at all, so a sweep costs nothing between prompt times. Rebuilt at
/// start-up (it starts empty), when a schedule changes here (<see cref="Invalidate"/>), and after
/// <see cref="SchedulePolicy.Replan"/> for changes made on other instances.
/// </summary>
public sealed class SchedulePlan
{
    private readonly ConcurrentDictionary<string, ZonePlan> _zones = new(StringComparer.Ordinal);
    private long _generation;

    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Whether the zone must be read at <paramref name="now"/>.</summary>
    public bool IsDue(string zoneId, Instant now, Duration replan) =>
        !_zones.TryGetValue(zoneId, out var plan) || plan.Generation != Generation || plan.NextDue is { } next && next <= now || plan.ReadAt + replan <= now;

    public void Set(string zoneId, Instant? nextDue, Instant readAt, long generation) => _zones[zoneId] = new ZonePlan(nextDue, readAt, generation);

    /// <summary>The earliest time anything is due in a zone read since the last change; null when nothing is planned.</summary>
    public Instant? NextDue() => _zones.Values.Where(z => z.Generation == Generation).Select(z => z.NextDue).Min();

    /// <summary>
    /// A member of the zone has something due at <paramref name="nextDue"/>: the zone's next due time moves
    /// earlier if that is sooner (a later one is found when the zone is next read). True when it moved.
    /// </summary>
    public bool Consider(string zoneId, Instant? nextDue)
    {
        if (nextDue is not { } due)
        {
            return false;
        }

        while (_zones.TryGetValue(zoneId, out var plan) && plan.Generation == Generation)
        {
            if (plan.NextDue is { } known && known <= due)
            {
                return false;
            }

            if (_zones.TryUpdate(zoneId, plan with { NextDue = due }, plan))
            {
                return true;
            }
        }

        return true; // a zone not planned yet is read at the next run anyway
    }

    /// <summary>A team's schedule or holidays changed: every zone is read again at the next run.</summary>
    public void Invalidate() => Interlocked.Increment(ref _generation);

    private sealed record ZonePlan(Instant? NextDue, Instant ReadAt, long Generation);
}
