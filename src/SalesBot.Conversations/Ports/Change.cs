using NodaTime;
using SalesBot.Conversations.Outbox;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Organization;
using SalesBot.Core.Reflections;
using SalesBot.Core.Wins;

namespace SalesBot.Conversations.Ports;

/// <summary>One write of a <see cref="ChangeSet"/>. Each store translates every kind.</summary>
public abstract record Change;

/// <summary>Creates or replaces an organization and the lookups of its workspaces.</summary>
public sealed record OrganizationPut(Organization Organization, Expect Expect) : Change;

public sealed record TeamPut(Team Team, Expect Expect) : Change;

/// <summary>
/// Creates or replaces a member, the lookups of their channel accounts and their place in the
/// schedule index. <paramref name="Previous"/> is the member as read, so that accounts and a time
/// zone that changed are moved rather than left behind.
/// </summary>
public sealed record MemberPut(Member Member, Expect Expect, Member? Previous) : Change
{
    /// <summary>A new member, or a change to who they are asked for what and when (role, zone, schedule, time away, metrics).</summary>
    public bool ChangesSchedule => Previous is not { } before
        || before.Role != Member.Role || before.TimeZoneId != Member.TimeZoneId || before.Schedule != Member.Schedule
        || !before.TimeAway.SequenceEqual(Member.TimeAway) || before.Metrics.Count != Member.Metrics.Count;
}

public sealed record CheckInPut(CheckIn CheckIn, Expect Expect) : Change;

/// <summary>Adds a win; a win with the same id already stored is kept as it is (ids are deterministic).</summary>
public sealed record WinAdd(Win Win) : Change;

/// <summary>Creates or replaces the kudos on a win (one record per win, in the rep's history).</summary>
public sealed record KudosPut(WinKudos Kudos, Expect Expect) : Change;

public sealed record ReflectionPut(Reflection Reflection) : Change;

/// <summary>Creates or replaces where to reach the owner on the reference's channel.</summary>
public sealed record ConversationPut(ConversationReference Reference) : Change;

/// <summary>Queues a message unless its key is already in the outbox (sent or not).</summary>
public sealed record OutboxAdd(OutboxMessage Message) : Change;

/// <summary>
/// Puts a failed or dead-lettered post back to pending, due at <paramref name="At"/> with its attempts
/// reset (<see cref="OutboxRetries.Retried"/>), if it is still at the version it was read at.
/// </summary>
public sealed record OutboxRetry(Stored<OutboxMessage> Message, Instant At) : Change;

public sealed record InstallationPut(ChannelInstallation Installation) : Change;

/// <summary>Marks an inbound event handled, until <paramref name="KeepUntil"/>: redeliveries before then are dropped.</summary>
public sealed record EventDone(string Key, Instant At, Instant KeepUntil) : Change;
