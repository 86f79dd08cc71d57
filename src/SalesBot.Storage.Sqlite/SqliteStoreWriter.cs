using NodaTime.Text;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Summaries;

namespace SalesBot.Storage.Sqlite;

/// <summary>Commits a turn's <see cref="ChangeSet"/> as one transaction: all of it, or (on a conflict) none of it.</summary>
public sealed class SqliteStoreWriter(SqliteDatabase database) : IStoreWriter
{
    public Task CommitAsync(ChangeSet changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.IsEmpty)
        {
            return Task.CompletedTask;
        }

        return database.WriteAsync(async write =>
        {
            foreach (var change in changes.Changes)
            {
                await ApplyAsync(write, change);
            }

            return true;
        }, cancellationToken);
    }

    private static Task ApplyAsync(SqliteWrite write, Change change) => change switch
    {
        OrganizationPut c => PutOrganizationAsync(write, c),
        TeamPut c => Row("teams", ["id"], ("id", c.Team.Id), ("organization_id", c.Team.OrganizationId), ("doc", DocumentJson.Serialize(c.Team)))
            .WriteAsync(write, c.Expect),
        MemberPut c => PutMemberAsync(write, c),
        CheckInPut c => PutCheckInAsync(write, c),
        WinAdd c => AddWinAsync(write, c),
        KudosPut c => Row("kudos", ["member_id", "win_id"], ("member_id", c.Kudos.MemberId), ("win_id", c.Kudos.WinId), ("doc", DocumentJson.Serialize(c.Kudos)))
            .WriteAsync(write, c.Expect),
        ReflectionPut c => write.ExecuteAsync(
            "INSERT INTO reflections (member_id, month, doc) VALUES ($m, $mo, $doc) ON CONFLICT(member_id, month) DO UPDATE SET doc = excluded.doc;",
            ("$m", c.Reflection.MemberId), ("$mo", YearMonthPattern.Iso.Format(c.Reflection.Month)), ("$doc", DocumentJson.Serialize(c.Reflection))),
        ConversationPut c => write.ExecuteAsync(
            """
            INSERT INTO conversation_refs (owner_kind, owner_id, channel, updated_ms, doc) VALUES ($k, $o, $c, $u, $doc)
            ON CONFLICT(owner_kind, owner_id, channel) DO UPDATE SET updated_ms = excluded.updated_ms, doc = excluded.doc;
            """,
            ("$k", c.Reference.OwnerKind.ToString()), ("$o", c.Reference.OwnerId), ("$c", c.Reference.Channel),
            ("$u", c.Reference.UpdatedAt.ToUnixTimeMilliseconds()), ("$doc", DocumentJson.Serialize(c.Reference))),
        OutboxAdd c => write.ExecuteAsync(
            """
            INSERT INTO outbox (key, status, next_attempt_ms, finished_ms, team_id, created_ms, doc) VALUES ($k, $s, $n, $f, $t, $c, $doc)
            ON CONFLICT(key) DO NOTHING;
            """,
            ("$k", c.Message.Key), ("$s", c.Message.Status.ToString()), ("$n", c.Message.NextAttemptAt.ToUnixTimeMilliseconds()),
            ("$f", c.Message.IsFinished ? c.Message.CreatedAt.ToUnixTimeMilliseconds() : null), ("$t", OutboxTeams.TeamOf(c.Message)),
            ("$c", c.Message.CreatedAt.ToUnixTimeMilliseconds()), ("$doc", DocumentJson.Serialize(c.Message))),
        OutboxRetry c => RetryAsync(write, c),
        InstallationPut c => write.ExecuteAsync(
            "INSERT INTO installations (channel, workspace_id, doc) VALUES ($c, $w, $doc) ON CONFLICT(channel, workspace_id) DO UPDATE SET doc = excluded.doc;",
            ("$c", c.Installation.Channel), ("$w", c.Installation.WorkspaceId), ("$doc", DocumentJson.Serialize(c.Installation))),
        EventDone c => write.ExecuteAsync(
            "INSERT INTO events (key, done, expires_ms) VALUES ($k, 1, $e) ON CONFLICT(key) DO UPDATE SET done = 1, expires_ms = excluded.expires_ms;",
            ("$k", c.Key), ("$e", c.KeepUntil.ToUnixTimeMilliseconds())),
        _ => throw new NotSupportedException($"The SQLite store cannot write {change.GetType().Name}."),
    };

    private static async Task RetryAsync(SqliteWrite write, OutboxRetry c)
    {
        if (!await SqliteOutbox.TryRetryAsync(write, c.Message, c.At))
        {
            throw new StoreConflictException($"outbox: {c.Message.Value.Key} is no longer at version {c.Message.Version}.");
        }
    }

    private static async Task PutCheckInAsync(SqliteWrite write, CheckInPut c)
    {
        await Row("checkins", ["member_id", "report_date"], ("member_id", c.CheckIn.MemberId),
                ("report_date", LocalDatePattern.Iso.Format(c.CheckIn.ReportDate)), ("doc", DocumentJson.Serialize(c.CheckIn)))
            .WriteAsync(write, c.Expect);
        await SqliteRollups.ApplyAsync(write, c.CheckIn.MemberId, MonthRollup.MonthOf(c.CheckIn.ReportDate), m => m.With(c.CheckIn));
    }

    private static async Task AddWinAsync(SqliteWrite write, WinAdd c)
    {
        var added = await write.ExecuteAsync(
            "INSERT INTO wins (id, member_id, team_id, at_ms, doc) VALUES ($id, $m, $t, $at, $doc) ON CONFLICT(id) DO NOTHING;",
            ("$id", c.Win.Id), ("$m", c.Win.MemberId), ("$t", c.Win.TeamId), ("$at", c.Win.At.ToUnixTimeMilliseconds()), ("$doc", DocumentJson.Serialize(c.Win)));
        if (added > 0)
        {
            await SqliteRollups.ApplyAsync(write, c.Win.MemberId, MonthRollup.MonthOf(c.Win.At), m => m.With(c.Win));
        }
    }

    private static async Task PutOrganizationAsync(SqliteWrite write, OrganizationPut c)
    {
        var organization = c.Organization;
        await Row("organizations", ["id"], ("id", organization.Id), ("doc", DocumentJson.Serialize(organization))).WriteAsync(write, c.Expect);
        await write.ExecuteAsync("DELETE FROM workspaces WHERE organization_id = $o;", ("$o", organization.Id));
        foreach (var workspace in organization.Workspaces)
        {
            // A workspace belongs to one organization; naming it again moves it.
            await write.ExecuteAsync(
                "INSERT INTO workspaces (channel, tenant_id, organization_id) VALUES ($c, $t, $o) ON CONFLICT(channel, tenant_id) DO UPDATE SET organization_id = excluded.organization_id;",
                ("$c", workspace.Channel), ("$t", workspace.TenantId), ("$o", organization.Id));
        }
    }

    private static async Task PutMemberAsync(SqliteWrite write, MemberPut c)
    {
        var member = c.Member;
        await Row("members", ["id"], ("id", member.Id), ("team_id", member.TeamId), ("time_zone", member.TimeZoneId), ("doc", DocumentJson.Serialize(member)))
            .WriteAsync(write, c.Expect);
        await write.ExecuteAsync("DELETE FROM channel_accounts WHERE member_id = $id;", ("$id", member.Id));
        foreach (var account in member.ChannelAccounts)
        {
            // An account belongs to one member; linking it elsewhere moves it.
            await write.ExecuteAsync(
                "INSERT INTO channel_accounts (account_key, member_id) VALUES ($k, $m) ON CONFLICT(account_key) DO UPDATE SET member_id = excluded.member_id;",
                ("$k", account.Key), ("$m", member.Id));
        }
    }

    private static SqliteVersionedRow Row(string table, string[] keys, params (string Column, object? Value)[] columns) => new(table, keys, columns);
}
