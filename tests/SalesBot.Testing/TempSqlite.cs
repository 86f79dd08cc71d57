using SalesBot.Storage.Sqlite;

namespace SalesBot.Testing;

/// <summary>A real SQLite file in a fresh temp folder, migrated, deleted on dispose.</summary>
public sealed class TempSqlite : IAsyncDisposable
{
    private TempSqlite(string folder)
    {
        Folder = folder;
        Database = new SqliteDatabase(System.IO.Path.Combine(folder, "salesbot.db"));
    }

    public string Folder { get; }

    public SqliteDatabase Database { get; }

    public string Path => Database.FilePath;

    public static async Task<TempSqlite> CreateAsync()
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "salesbot-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var temp = new TempSqlite(folder);
        await temp.Database.MigrateAsync();
        return temp;
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on some platforms; the OS temp cleaner takes it.
        }

        return ValueTask.CompletedTask;
    }
}
