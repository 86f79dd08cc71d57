using NodaTime;
using SalesBot.Conversations.Outbox;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Organization;
using SalesBot.Core.Reflections;
using SalesBot.Core.Wins;

namespace SalesBot.Conversations.Ports;

/// <summary>
/// The writes of one turn (or one step of a job), committed together by <see cref="IStoreWriter"/>:
/// one SQLite transaction, or on Cosmos DB a few point writes with deterministic ids, so that a
/// re-run of an interrupted turn completes it and doubles nothing. Flows stage writes here and never
/// write to a store directly.
/// </summary>
public sealed class ChangeSet
{
    private readonly List<Change> _changes = [];

    public IReadOnlyList<Change> Changes => _changes;

    public bool IsEmpty => _changes.Count == 0;

    /// <summary>True when something was queued for delivery, so the dispatcher is worth waking.</summary>
    public bool QueuesDelivery => _changes.Any(c => c is OutboxAdd or OutboxRetry);

    /// <summary>A point to go back to with <see cref="RollbackTo"/> when a step fails half-way.</summary>
    public int Mark() => _changes.Count;

    public void RollbackTo(int mark)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(mark);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(mark, _changes.Count);
        _changes.RemoveRange(mark, _changes.Count - mark);
    }

    /// <summary>
    /// The first <paramref name="count"/> changes, as a store without cross-partition transactions may
    /// have applied them when its process died in the middle of a commit.
    /// </summary>
    public ChangeSet Prefix(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var prefix = new ChangeSet();
        prefix._changes.AddRange(_changes.Take(count));
        return prefix;
    }

    public ChangeSet PutOrganization(Organization organization, Expect expect) => Add(new OrganizationPut(organization, expect));

    public ChangeSet PutTeam(Team team, Expect expect) => Add(new TeamPut(team, expect));

    public ChangeSet PutMember(Member member, Expect expect, Member? previous = null) => Add(new MemberPut(member, expect, previous));

    public ChangeSet PutCheckIn(CheckIn checkIn, Expect expect) => Add(new CheckInPut(checkIn, expect));

    public ChangeSet AddWin(Win win) => Add(new WinAdd(win));

    /// <summary>Creates or replaces the kudos on a win; <paramref name="expect"/> keeps simultaneous presses from overwriting each other.</summary>
    public ChangeSet PutKudos(WinKudos kudos, Expect expect) => Add(new KudosPut(kudos, expect));

    public ChangeSet PutReflection(Reflection reflection) => Add(new ReflectionPut(reflection));

    public ChangeSet PutConversation(ConversationReference reference) => Add(new ConversationPut(reference));

    public ChangeSet Enqueue(OutboxMessage message) => Add(new OutboxAdd(message));

    /// <summary>Sends a failed or dead-lettered post again; a conflict if it changed since it was read.</summary>
    public ChangeSet RetryPost(Stored<OutboxMessage> message, Instant at) => Add(new OutboxRetry(message, at));

    public ChangeSet PutInstallation(ChannelInstallation installation) => Add(new InstallationPut(installation));

    public ChangeSet CompleteEvent(string key, Instant at) => Add(new EventDone(key, at, at + Retention.EventMarks));

    private ChangeSet Add(Change change)
    {
        ArgumentNullException.ThrowIfNull(change);
        _changes.Add(change);
        return this;
    }
}
