namespace SalesBot.Conversations.Ports;

/// <summary>
/// Who is due when, kept current by member writes: members by time zone. A prompt is due at a local
/// time, so the sweep asks which zones are at that time now and reads only those zones' members,
/// instead of walking every team.
/// </summary>
public interface IScheduleIndex
{
    /// <summary>Every time zone that has at least one member.</summary>
    Task<IReadOnlyList<string>> ListTimeZonesAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<MemberKey>> ListMembersInZoneAsync(string timeZoneId, CancellationToken cancellationToken = default);
}

/// <summary>Enough to point-read a member: their team (the partition) and id.</summary>
public sealed record MemberKey(string TeamId, string MemberId);
