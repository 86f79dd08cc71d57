using Microsoft.Data.Sqlite;

namespace SalesBot.Testing.Hostile;

/// <summary>Reads rows straight from a SQLite file, so a test checks what was stored rather than what was replied.</summary>
public static class SqliteRows
{
    /// <summary>Every row of <paramref name="sql"/>, each column as text (null as "∅").</summary>
    public static async Task<IReadOnlyList<string[]>> QueryAsync(string databasePath, string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[i] = reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!;
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>How many rows <paramref name="table"/> holds.</summary>
    public static async Task<int> CountAsync(string databasePath, string table) =>
        int.Parse((await QueryAsync(databasePath, $"SELECT COUNT(*) FROM \"{table}\""))[0][0], System.Globalization.CultureInfo.InvariantCulture);
}
