using Microsoft.Extensions.DependencyInjection;
using SalesBot.Storage.Conformance;
using SalesBot.Testing;

namespace SalesBot.Storage.Sqlite.Tests;

public sealed class SqliteInterruptedTurnTests : InterruptedTurnTests
{
    protected override async Task AddFreshStoresAsync(IServiceCollection services)
    {
        var file = await TempSqlite.CreateAsync();
        services.AddSingleton(file.Database).AddSalesBotSqliteStores();
    }
}
