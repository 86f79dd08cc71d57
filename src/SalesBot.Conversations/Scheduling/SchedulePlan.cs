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

    /// <summary>A schedule, a holiday, time away or a member changed: every zone is read again at the next run.</summary>
    public void Invalidate() => Interlocked.Increment(ref _generation);

    private sealed record ZonePlan(Instant? NextDue, Instant ReadAt, long Generation);
}
