using System.Globalization;
using Microsoft.Data.Sqlite;
using SalesBot.Conversations.Ports;

namespace SalesBot.Storage.Sqlite;

/// <summary>The few SQL shapes every store uses: read JSON documents (with their versions), write in a transaction.</summary>
public abstract class SqliteDocuments(SqliteDatabase database)
{
    protected SqliteDatabase Database { get; } = database;

    protected async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await Database.OpenAsync(cancellationToken);
        return await new SqliteWrite(connection, null, cancellationToken).QueryAsync<T>(sql, parameters);
    }

    protected async Task<T?> QuerySingleAsync<T>(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
        where T : class
    {
        var rows = await QueryAsync<T>(sql, cancellationToken, parameters);
        return rows.Count > 0 ? rows[0] : null;
    }

    /// <summary>One document and its version; the query selects <c>doc, version</c>.</summary>
    protected async Task<Stored<T>?> QueryStoredAsync<T>(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await Database.OpenAsync(cancellationToken);
        await using var cmd = Command(connection, sql, parameters);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new Stored<T>(DocumentJson.Deserialize<T>(reader.GetString(0)), reader.GetInt64(1).ToString(CultureInfo.InvariantCulture));
    }

    protected Task<T> InTransactionAsync<T>(Func<SqliteWrite, Task<T>> work, CancellationToken cancellationToken) =>
        Database.WriteAsync(work, cancellationToken);

    internal static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return cmd;
    }
}

/// <summary>Statements on one open connection, inside a write transaction or on their own.</summary>
public sealed class SqliteWrite(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
{
    public async Task<int> ExecuteAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var cmd = Prepare(sql, parameters);
        return await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<object?> ScalarAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var cmd = Prepare(sql, parameters);
        return await cmd.ExecuteScalarAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var cmd = Prepare(sql, parameters);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var results = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            results.Add(DocumentJson.Deserialize<T>(reader.GetString(0)));
        }

        return results;
    }

    private SqliteCommand Prepare(string sql, (string Name, object? Value)[] parameters)
    {
        var cmd = SqliteDocuments.Command(connection, sql, parameters);
        cmd.Transaction = transaction;
        return cmd;
    }
}
