using Microsoft.Data.Sqlite;
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
        Assert.Equal(1L, await SqliteDatabase.ScalarAsync(connection, "PRAGMA user_version;", default));
    }

    [Fact]
    public async Task Migrating_twice_changes_nothing_and_keeps_data()
    {
        await using var temp = await TempSqlite.CreateAsync();
        await new SqliteMemberStore(temp.Database).SaveAsync(MemberBuilder.ARep().Build());

        await temp.Database.MigrateAsync();

        Assert.NotNull(await new SqliteMemberStore(temp.Database).GetAsync("rep-1"));
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
    public async Task Concurrent_submits_for_the_same_day_store_one_check_in_and_report_one_creation()
    {
        await using var temp = await TempSqlite.CreateAsync();
        var store = new SqliteCheckInStore(temp.Database);

        var saves = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => store.SaveAsync(CheckInBuilder.ACheckIn().With("calls", i).Build()))));

        Assert.Single(saves, s => s.Kind == Conversations.Ports.CheckInSaveKind.Created);
        Assert.Single(await store.ListForMemberAsync("rep-1", TestData.Friday, TestData.Friday));
    }
}
