using SalesBot.Conversations.Ports;

namespace SalesBot.Storage.Sqlite;

/// <summary>
/// A row with a <c>version</c> column, written as its <see cref="Expect"/> says: created only if absent,
/// replaced only at the version read, or upserted. Each is one statement whose row count tells
/// whether the expectation held, so no read is needed first.
/// </summary>
internal sealed record SqliteVersionedRow(string Table, IReadOnlyList<string> KeyColumns, IReadOnlyList<(string Column, object? Value)> Columns)
{
    public async Task WriteAsync(SqliteWrite write, Expect expect)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(expect);
        var names = Columns.Select(c => c.Column).ToList();
        var parameters = Columns.Select(c => ("$" + c.Column, c.Value)).ToList();
        var insert = $"INSERT INTO {Table} ({string.Join(", ", names)}, version) VALUES ({string.Join(", ", names.Select(n => "$" + n))}, 1)";
        var conflict = $"ON CONFLICT({string.Join(", ", KeyColumns)})";
        var values = names.Where(n => !KeyColumns.Contains(n)).ToList();
        switch (expect.Kind)
        {
            case ExpectKind.Absent:
                if (await write.ExecuteAsync($"{insert} {conflict} DO NOTHING;", [.. parameters]) == 0)
                {
                    throw new StoreConflictException($"{Table}: {Key()} exists already.");
                }

                break;
            case ExpectKind.Version:
                parameters.Add(("$expected_version", long.Parse(expect.ExpectedVersion!, System.Globalization.CultureInfo.InvariantCulture)));
                var update = $"UPDATE {Table} SET {string.Join(", ", values.Select(n => $"{n} = ${n}"))}, version = version + 1 " +
                             $"WHERE {string.Join(" AND ", KeyColumns.Select(k => $"{k} = ${k}"))} AND version = $expected_version;";
                if (await write.ExecuteAsync(update, [.. parameters]) == 0)
                {
                    throw new StoreConflictException($"{Table}: {Key()} is no longer at version {expect.ExpectedVersion}.");
                }

                break;
            default:
                await write.ExecuteAsync(
                    $"{insert} {conflict} DO UPDATE SET {string.Join(", ", values.Select(n => $"{n} = excluded.{n}"))}, version = {Table}.version + 1;",
                    [.. parameters]);
                break;
        }
    }

    private string Key() => string.Join("/", KeyColumns.Select(k => Columns.First(c => c.Column == k).Value));
}
