using SalesBot.Storage.Conformance;
using SalesBot.Testing;

namespace SalesBot.Storage.Sqlite.Tests;

/// <summary>The store contract against a real SQLite file in a temp folder.</summary>
public sealed class SqliteConformanceTests : StoreConformanceTests
{
    private TempSqlite? _db;

    protected override async Task<StoreSet> CreateStoresAsync()
    {
        _db = await TempSqlite.CreateAsync();
        var db = _db.Database;
        return new StoreSet(
            new SqliteStoreWriter(db), new SqliteOrganizationStore(db), new SqliteMemberStore(db), new SqliteCheckInStore(db), new SqliteWinStore(db),
            new SqliteReflectionStore(db), new SqliteConversationReferenceStore(db), new SqliteOutbox(db), new SqliteEventLog(db),
            new SqliteScheduleIndex(db), new SqliteInstallationStore(db), new SqliteOutbox(db), new SqliteRollups(db))
        {
            Kudos = new SqliteKudosStore(db),
        };
    }

    protected override async Task DisposeStoresAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }
    }
}
