using NodaTime;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Reflections;

namespace SalesBot.Storage.Sqlite;

public sealed class SqliteReflectionStore(SqliteDatabase database) : SqliteDocuments(database), IReflectionStore
{
    public Task<Reflection?> GetAsync(string memberId, YearMonth month, CancellationToken cancellationToken = default) =>
        QuerySingleAsync<Reflection>("SELECT doc FROM reflections WHERE member_id = $m AND month = $mo;", cancellationToken,
            ("$m", memberId), ("$mo", Month(month)));

    private static string Month(YearMonth month) => $"{month.Year:D4}-{month.Month:D2}";
}
