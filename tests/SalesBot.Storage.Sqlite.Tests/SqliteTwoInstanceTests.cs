using Microsoft.Extensions.DependencyInjection;
using SalesBot.Storage.Conformance;
using SalesBot.Testing;

namespace SalesBot.Storage.Sqlite.Tests;

/// <summary>Two instances on one SQLite file, each with its own database object and writer connection, as two processes would have.</summary>
public sealed class SqliteTwoInstanceTests : TwoInstanceTests
{
    private TempSqlite? _file;

    protected override async Task CreateSharedStoreAsync() => _file = await TempSqlite.CreateAsync();

    protected override void AddStores(IServiceCollection services) =>
        services.AddSingleton(new SqliteDatabase(_file!.Path)).AddSalesBotSqliteStores();

    protected override async Task DisposeSharedStoreAsync()
    {
        if (_file is not null)
        {
            await _file.DisposeAsync();
        }
    }
}
