using Microsoft.Data.Sqlite;
using NodaTime;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Wins;
using SalesBot.Testing;

namespace SalesBot.Storage.Sqlite.Tests;

public class SqliteDatabaseTests
{
    [Fact]
    public async Task The_database_runs_in_wal_mode_at_the_latest_schema_version()
    {
        await using var temp = await TempSqlite.CreateAsync();
        await using var connection = await temp.Database.OpenAsync();

        Assert.Equal("wal", await SqliteDatabase.ScalarAsync(connection, "PRAGMA journal_mode;", default));
        Assert.Equal(6L, await SqliteDatabase.ScalarAsync(connection, "PRAGMA user_version;", default));
    }

    [Fact]
    public async Task A_file_from_before_kudos_is_upgraded_and_keeps_its_wins()
    {
        var folder = Path.Combine(Path.GetTempPath(), "salesbot-tests", Guid.NewGuid().ToString("N"));
        var db = new SqliteDatabase(Path.Combine(folder, "bot.db"));
        try
        {
            await db.MigrateAsync(upToVersion: 3);
            var win = new Win { Id = "w1", MemberId = "rep-1", TeamId = TestData.TeamId, Kind = WinKind.Other, Text = "x", At = TestData.MondayMorningInNewYork };
            // Written as version 3 stored it: today's writer also keeps a month rollup, a table version 3 did not have.
            await using (var connection = await db.OpenAsync())
            {
                await InsertWinAsVersion3StoredItAsync(connection, win);
            }

            await db.MigrateAsync();
            await new SqliteStoreWriter(db).CommitAsync(c => c.PutKudos(WinKudos.For(win).Give(new KudosGiver("rep-2", "Ben", win.At)).Kudos, Expect.Absent));

            Assert.Equal("x", (await new SqliteWinStore(db).GetAsync("rep-1", "w1"))!.Text);
            Assert.Equal(1, (await new SqliteKudosStore(db).GetAsync("rep-1", "w1"))!.Value.Count);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("DELETE FROM channel_accounts WHERE member_id = 'm-1';", "ix_channel_accounts_member")]
    [InlineData("DELETE FROM workspaces WHERE organization_id = 'org-1';", "ix_workspaces_organization")]
    public async Task Writes_that_replace_a_members_accounts_or_an_organizations_workspaces_use_an_index_not_a_scan(string sql, string index)
    {
        await using var temp = await TempSqlite.CreateAsync();
        await using var connection = await temp.Database.OpenAsync();
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(3));
            }
        }

        Assert.Contains(plan, step => step.Contains(index, StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Read_connections_keep_a_small_page_cache_because_every_write_empties_it()
    {
        await using var temp = await TempSqlite.CreateAsync();

        var cacheSize = await temp.Database.ReadAsync(read => read.ScalarAsync("PRAGMA cache_size;"));

        // Negative: KiB. 32 pooled readers at SQLite's default (-2000) could hold 64 MB of pages no read reuses.
        Assert.Equal(-256L, cacheSize);
    }

    [Fact]
    public async Task Migrating_twice_changes_nothing_and_keeps_data()
    {
        await using var temp = await TempSqlite.CreateAsync();
        await new SqliteStoreWriter(temp.Database).CommitAsync(c => c.PutMember(MemberBuilder.ARep().Build(), Expect.Absent));

        await temp.Database.MigrateAsync();

        Assert.NotNull(await new SqliteMemberStore(temp.Database).GetAsync(TestData.TeamId, "rep-1"));
    }

    [Fact]
    public async Task The_file_is_created_with_its_folder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "salesbot-tests", Guid.NewGuid().ToString("N"), "nested");
        var db = new SqliteDatabase(Path.Combine(folder, "bot.db"));
        try
        {
            await db.MigrateAsync();

            Assert.True(File.Exists(db.FilePath));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
        }
    }

    [Fact]
    public async Task Concurrent_first_check_ins_for_the_same_day_store_one_and_the_others_conflict()
    {
        await using var temp = await TempSqlite.CreateAsync();
        var writer = new SqliteStoreWriter(temp.Database);

        var saves = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            try
            {
                await writer.CommitAsync(c => c.PutCheckIn(CheckInBuilder.ACheckIn().With("calls", i).Build(), Expect.Absent));
                return true;
            }
            catch (StoreConflictException)
            {
                return false;
            }
        })));

        Assert.Single(saves, saved => saved);
        Assert.Single(await new SqliteCheckInStore(temp.Database).ListForMemberAsync("rep-1", TestData.Friday, TestData.Friday));
    }

    [Fact]
    public async Task A_change_set_that_conflicts_writes_nothing_at_all()
    {
        await using var temp = await TempSqlite.CreateAsync();
        var writer = new SqliteStoreWriter(temp.Database);
        await writer.CommitAsync(c => c.PutCheckIn(CheckInBuilder.ACheckIn().Build(), Expect.Absent));

        await Assert.ThrowsAsync<StoreConflictException>(() => writer.CommitAsync(c => c
            .PutMember(MemberBuilder.ARep().Build(), Expect.Absent)
            .AddWin(new Win { Id = "w1", MemberId = "rep-1", TeamId = TestData.TeamId, Kind = WinKind.Other, Text = "x", At = TestData.MondayMorningInNewYork })
            .PutCheckIn(CheckInBuilder.ACheckIn().Build(), Expect.Absent)));

        Assert.Null(await new SqliteMemberStore(temp.Database).GetAsync(TestData.TeamId, "rep-1"));
        Assert.Null(await new SqliteWinStore(temp.Database).GetAsync("rep-1", "w1"));
    }

    [Fact]
    public async Task Pruning_removes_expired_event_marks_and_old_finished_posts_only()
    {
        await using var temp = await TempSqlite.CreateAsync();
        var db = temp.Database;
        var t0 = TestData.MondayMorningInNewYork;
        var events = new SqliteEventLog(db);
        await events.TryClaimAsync("done-long-ago", t0, Duration.FromMinutes(2));
        await events.TryClaimAsync("claimed-now", t0 + Retention.FinishedPosts, Duration.FromMinutes(2));
        await new SqliteStoreWriter(db).CommitAsync(c => c
            .CompleteEvent("done-long-ago", t0)
            .Enqueue(TestRecords.TeamPost("old", t0))
            .Enqueue(TestRecords.TeamPost("pending", t0)));
        var outbox = new SqliteOutbox(db);
        var old = (await outbox.ClaimDueAsync(t0, "a", t0 + Duration.FromMinutes(1), 1)).Single();
        await outbox.CompleteAsync(old, old.Message with { Status = OutboxStatus.Sent, SentAt = t0 });

        var removed = await new SqliteMaintenance(db).PruneAsync(t0 + Retention.FinishedPosts);

        Assert.Equal(2, removed);
        Assert.Null(await outbox.GetAsync(old.Message.Key));
        Assert.NotNull(await outbox.GetAsync("pending"));
        Assert.Equal(EventClaim.InProgress, await events.TryClaimAsync("claimed-now", t0 + Retention.FinishedPosts, Duration.FromMinutes(2)));
    }

    [Fact]
    public async Task A_version_1_file_keeps_its_slack_installations_and_indexes_its_members_by_zone()
    {
        var folder = Path.Combine(Path.GetTempPath(), "salesbot-tests", Guid.NewGuid().ToString("N"));
        await using var db = new SqliteDatabase(Path.Combine(folder, "v1.db"));
        await db.MigrateAsync(upToVersion: 1);
        await using (var connection = await db.OpenAsync())
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = """
                INSERT INTO members (id, team_id, doc) VALUES ('m1', 't1', '{"id":"m1","teamId":"t1","displayName":"Ava","role":"hunter","startDate":"2026-01-05","timeZoneId":"Europe/London"}');
                CREATE TABLE slack_installations (team_id TEXT NOT NULL PRIMARY KEY, team_name TEXT NULL, bot_token TEXT NOT NULL,
                    bot_user_id TEXT NULL, app_id TEXT NULL, installed_at TEXT NOT NULL);
                INSERT INTO slack_installations VALUES ('T1', 'Acme', 'xoxb-1', 'UBOT', NULL, '2026-11-01T09:00:00.0000000+00:00');
                """;
            await cmd.ExecuteNonQueryAsync();
        }

        await db.MigrateAsync();

        var installation = await new SqliteInstallationStore(db).FindAsync("slack", "T1");
        Assert.Equal(("xoxb-1", "Acme", (string?)null), (installation!.BotToken, installation.WorkspaceName, installation.AppId));
        Assert.Equal([new MemberKey("t1", "m1")], await new SqliteScheduleIndex(db).ListMembersInZoneAsync("Europe/London"));
    }

    [Fact]
    public async Task A_version_2_file_finds_its_posts_by_team_and_lists_them_newest_first()
    {
        var folder = Path.Combine(Path.GetTempPath(), "salesbot-tests", Guid.NewGuid().ToString("N"));
        await using var db = new SqliteDatabase(Path.Combine(folder, "v2.db"));
        await db.MigrateAsync(upToVersion: 2);
        var older = PostBuilder.APost("member-post").InTeam("t1").DeadLettered().QueuedAt(Instant.FromUtc(2026, 11, 2, 9, 0, 0).PlusNanoseconds(123_456_789)).Build();
        var newer = PostBuilder.APost("channel-post").ToChannelOf("t1").DeadLettered().QueuedAt(Instant.FromUtc(2026, 11, 2, 9, 0, 1)).Build();
        var teamless = PostBuilder.APost("old-member-post").InTeam(null).DeadLettered().QueuedAt(Instant.FromUtc(2026, 11, 2, 9, 0, 2)).Build();
        await using (var connection = await db.OpenAsync())
        {
            foreach (var post in new[] { older, newer, teamless })
            {
                await using var cmd = connection.CreateCommand();
                cmd.CommandText = "INSERT INTO outbox (key, status, next_attempt_ms, finished_ms, doc) VALUES ($k, 'DeadLettered', 0, 0, $doc);";
                cmd.Parameters.AddWithValue("$k", post.Key);
                cmd.Parameters.AddWithValue("$doc", DocumentJson.Serialize(post));
                await cmd.ExecuteNonQueryAsync();
            }
        }

        await db.MigrateAsync();

        var outbox = new SqliteOutbox(db);
        Assert.Equal(2, (await outbox.CountAsync("t1"))[OutboxStatus.DeadLettered]);
        Assert.Equal(3, (await outbox.CountAsync(null))[OutboxStatus.DeadLettered]);
        Assert.Equal(["channel-post", "member-post"], (await outbox.ListRecentAsync(OutboxRetries.Problems, "t1", 10)).Select(p => p.Value.Key));
        Assert.Equal("channel-post", Assert.Single(await outbox.ListRecentAsync(OutboxRetries.Problems, "t1", 1)).Value.Key);
        Assert.Equal(["old-member-post", "channel-post", "member-post"], (await outbox.ListRecentAsync(OutboxRetries.Problems, null, 10)).Select(p => p.Value.Key));
    }

    [Fact]
    public async Task A_version_3_file_gets_month_rollups_built_from_its_check_ins_and_wins()
    {
        var folder = Path.Combine(Path.GetTempPath(), "salesbot-tests", Guid.NewGuid().ToString("N"));
        await using var db = new SqliteDatabase(Path.Combine(folder, "v3.db"));
        await db.MigrateAsync(upToVersion: 3);
        var october = CheckInBuilder.ACheckIn().On(new LocalDate(2026, 10, 30)).With("calls", 7).WithPlan("Call Acme").WithBlockers("Legal").Build();
        var november = CheckInBuilder.ACheckIn().On(new LocalDate(2026, 11, 2)).With("calls", 9).Build();
        var win = new Win { Id = "w1", MemberId = "rep-1", TeamId = TestData.TeamId, Kind = WinKind.DealClosed, Text = "Closed Acme", At = Instant.FromUtc(2026, 11, 30, 23, 30) };
        await using (var connection = await db.OpenAsync())
        {
            foreach (var checkIn in new[] { october, november })
            {
                await using var cmd = connection.CreateCommand();
                cmd.CommandText = "INSERT INTO checkins (member_id, report_date, doc) VALUES ($m, $d, $doc);";
                cmd.Parameters.AddWithValue("$m", checkIn.MemberId);
                cmd.Parameters.AddWithValue("$d", checkIn.ReportDate.ToString("yyyy-MM-dd", null));
                cmd.Parameters.AddWithValue("$doc", DocumentJson.Serialize(checkIn));
                await cmd.ExecuteNonQueryAsync();
            }

            await InsertWinAsVersion3StoredItAsync(connection, win);
        }

        await db.MigrateAsync();

        var months = await new SqliteRollups(db).ListAsync("rep-1", new YearMonth(2026, 1), new YearMonth(2026, 12));
        Assert.Equal([new YearMonth(2026, 10), new YearMonth(2026, 11)], months.Select(m => m.Month));
        var kept = Assert.Single(months[0].CheckIns);
        Assert.Equal(7, kept.Values["calls"]);
        Assert.Equal("Legal", kept.Blockers);
        Assert.Empty(kept.Plan);
        Assert.Empty(months[0].Wins);
        Assert.Equal(9, Assert.Single(months[1].CheckIns).Values["calls"]);
        Assert.Equal("Closed Acme", Assert.Single(months[1].Wins).Text);
    }

    /// <summary>A win row as schema version 3 wrote it: the win alone, without the month rollup today's writer keeps.</summary>
    private static async Task InsertWinAsVersion3StoredItAsync(SqliteConnection connection, Win win)
    {
        await using var add = connection.CreateCommand();
        add.CommandText = "INSERT INTO wins (id, member_id, team_id, at_ms, doc) VALUES ($id, $m, $t, $at, $doc);";
        add.Parameters.AddWithValue("$id", win.Id);
        add.Parameters.AddWithValue("$m", win.MemberId);
        add.Parameters.AddWithValue("$t", win.TeamId);
        add.Parameters.AddWithValue("$at", win.At.ToUnixTimeMilliseconds());
        add.Parameters.AddWithValue("$doc", DocumentJson.Serialize(win));
        await add.ExecuteNonQueryAsync();
    }
}
