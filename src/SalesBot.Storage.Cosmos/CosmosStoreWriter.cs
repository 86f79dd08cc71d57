using NodaTime.Text;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Summaries;

namespace SalesBot.Storage.Cosmos;

/// <summary>
/// Commits a <see cref="ChangeSet"/> as point writes in order, each to the item its key names. There
/// is no cross-partition transaction: ids are deterministic and every write is an upsert, a
/// create-if-absent or an ETag-conditional replace, so re-running a set that stopped half-way
/// (after a conflict or a crash) completes it without doubling anything.
/// </summary>
public sealed class CosmosStoreWriter(CosmosDatabase db) : IStoreWriter
{
    private readonly CosmosMemberWrites _members = new(db);
    private readonly CosmosOrganizationWrites _organizations = new(db);
    private readonly CosmosConversationWrites _conversations = new(db);
    private readonly CosmosRollups _rollups = new(db);

    public async Task CommitAsync(ChangeSet changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var change in changes.Changes)
        {
            await ApplyAsync(change, cancellationToken);
        }
    }

    private Task ApplyAsync(Change change, CancellationToken ct) => change switch
    {
        OrganizationPut c => _organizations.PutAsync(c, ct),
        TeamPut c => PutTeamAsync(c, ct),
        MemberPut c => _members.PutAsync(c, ct),
        CheckInPut c => PutCheckInAsync(c, ct),
        WinAdd c => AddWinAsync(c, ct),
        // Conditional on the ETag read: of two simultaneous presses, the second conflicts and its turn runs again.
        KudosPut c => CosmosItems.WriteAsync(db.History, new CosmosDocument<Core.Wins.WinKudos>
        {
            Id = CosmosKeys.KudosId(c.Kudos.WinId), Pk = CosmosKeys.HistoryPk(c.Kudos.MemberId), Type = "kudos", Body = c.Kudos,
        }, c.Expect, ct),
        ReflectionPut c => CosmosItems.WriteAsync(db.History, new CosmosDocument<Core.Reflections.Reflection>
        {
            Id = CosmosKeys.ReflectionId(c.Reflection.Month), Pk = CosmosKeys.HistoryPk(c.Reflection.MemberId), Type = "reflection",
            Sort = YearMonthPattern.Iso.Format(c.Reflection.Month), Body = c.Reflection,
        }, Expect.Any, ct),
        ConversationPut c => _conversations.PutAsync(c.Reference, ct),
        // Keep the first post under a key, sent or not: a replayed turn queues nothing twice.
        OutboxAdd c => CosmosItems.CreateIfAbsentAsync(db.Outbox, CosmosOutbox.Document(c.Message, db.OutboxShards), ct),
        OutboxRetry c => RetryAsync(c, ct),
        InstallationPut c => CosmosItems.WriteAsync(db.Lookups, Lookup(
            CosmosKeys.Installation(c.Installation.Channel, c.Installation.WorkspaceId), "installation", c.Installation), Expect.Any, ct),
        EventDone c => CosmosItems.WriteAsync(db.Events, CosmosEventLog.Mark(c.Key, done: true, c.At, c.KeepUntil), Expect.Any, ct),
        _ => throw new NotSupportedException($"The Cosmos DB store cannot write {change.GetType().Name}."),
    };

    /// <summary>The team, then its copy in the organization's partition (a re-run writes the copy again).</summary>
    private async Task PutTeamAsync(TeamPut c, CancellationToken ct)
    {
        await CosmosItems.WriteAsync(db.Directory, new CosmosDocument<Core.Organization.Team>
        {
            Id = CosmosKeys.TeamId(c.Team.Id), Pk = CosmosKeys.TeamPk(c.Team.Id), Type = "team", Body = c.Team,
        }, c.Expect, ct);
        await CosmosItems.WriteAsync(db.Directory, new CosmosDocument<Core.Organization.Team>
        {
            Id = CosmosKeys.TeamRefId(c.Team.Id), Pk = CosmosKeys.OrganizationPk(c.Team.OrganizationId), Type = "teamref", Sort = c.Team.Id, Body = c.Team,
        }, Expect.Any, ct);
    }

    /// <summary>The check-in, then its month: a re-run after a crash between the two writes puts the same day into the month again.</summary>
    private async Task PutCheckInAsync(CheckInPut c, CancellationToken ct)
    {
        await CosmosItems.WriteAsync(db.History, new CosmosDocument<Core.CheckIns.CheckIn>
        {
            Id = CosmosKeys.CheckInId(c.CheckIn.ReportDate), Pk = CosmosKeys.HistoryPk(c.CheckIn.MemberId), Type = "checkin",
            Sort = LocalDatePattern.Iso.Format(c.CheckIn.ReportDate), Body = c.CheckIn,
        }, c.Expect, ct);
        await _rollups.ApplyAsync(c.CheckIn.MemberId, MonthRollup.MonthOf(c.CheckIn.ReportDate), m => m.With(c.CheckIn), ct);
    }

    /// <summary>The win, then its month, whether or not the win was new: a replay may have stopped before the month.</summary>
    private async Task AddWinAsync(WinAdd c, CancellationToken ct)
    {
        await CosmosItems.CreateIfAbsentAsync(db.History, new CosmosDocument<Core.Wins.Win>
        {
            Id = CosmosKeys.WinId(c.Win.Id), Pk = CosmosKeys.HistoryPk(c.Win.MemberId), Type = "win",
            Due = c.Win.At.ToUnixTimeMilliseconds(), Body = c.Win,
        }, ct);
        await _rollups.ApplyAsync(c.Win.MemberId, MonthRollup.MonthOf(c.Win.At), m => m.With(c.Win), ct);
    }

    private async Task RetryAsync(OutboxRetry c, CancellationToken ct)
    {
        if (!await CosmosOutbox.TryRetryAsync(db, c.Message, c.At, ct))
        {
            throw new StoreConflictException($"post {c.Message.Value.Key} is no longer at version {c.Message.Version}.");
        }
    }

    internal static CosmosDocument<T> Lookup<T>(string id, string type, T body) => new() { Id = id, Pk = id, Type = type, Body = body };
}
