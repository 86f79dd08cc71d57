using System.Globalization;
using Microsoft.Data.Sqlite;
using SalesBot.Conversations.Ports;

namespace SalesBot.Storage.Sqlite;

/// <summary>The few SQL shapes every store uses: read JSON documents (with their versions), write in a transaction.</summary>
public abstract class SqliteDocuments(SqliteDatabase database)
{
    protected SqliteDatabase Database { get; } = database;

    protected Task<IReadOnlyList<T>> QueryAsync<T>(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        Database.ReadAsync(read => read.QueryAsync<T>(sql, parameters), cancellationToken);

    protected async Task<T?> QuerySingleAsync<T>(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
        where T : class
    {
        var rows = await QueryAsync<T>(sql, cancellationToken, parameters);
        return rows.Count > 0 ? rows[0] : null;
    }

    /// <summary>One document and its version; the query selects <c>doc, version</c>.</summary>
    protected async Task<Stored<T>?> QueryStoredAsync<T>(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var rows = await Database.ReadAsync(
            read => read.RowsAsync(sql, r => new Stored<T>(SqliteWrite.Document<T>(r, 0), r.GetInt64(1).ToString(CultureInfo.InvariantCulture)), parameters),
            cancellationToken);
        return rows.Count > 0 ? rows[0] : null;
    }

    protected Task<T> InTransactionAsync<T>(Func<SqliteWrite, Task<T>> work, CancellationToken cancellationToken) =>
        Database.WriteAsync(work, cancellationToken);
}

/// <summary>Statements on one open connection, inside a write transaction or on their own.</summary>
public sealed class SqliteWrite
{
    private readonly SqliteStatements _statements;
    private readonly SqliteTransaction? _transaction;
    private readonly CancellationToken _cancellationToken;

    internal SqliteWrite(SqliteStatements statements, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        _statements = statements;
        _transaction = transaction;
        _cancellationToken = cancellationToken;
    }

    public Task<int> ExecuteAsync(string sql, params (string Name, object? Value)[] parameters) =>
        Prepare(sql, parameters).ExecuteNonQueryAsync(_cancellationToken);

    public Task<object?> ScalarAsync(string sql, params (string Name, object? Value)[] parameters) =>
        Prepare(sql, parameters).ExecuteScalarAsync(_cancellationToken);

    /// <summary>The JSON documents in the first column, deserialized.</summary>
    public Task<IReadOnlyList<T>> QueryAsync<T>(string sql, params (string Name, object? Value)[] parameters) =>
        RowsAsync(sql, r => Document<T>(r, 0), parameters);

    public async Task<IReadOnlyList<T>> RowsAsync<T>(string sql, Func<SqliteDataReader, T> map, params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(map);
        await using var reader = await Prepare(sql, parameters).ExecuteReaderAsync(_cancellationToken);
        var results = new List<T>();
        while (await reader.ReadAsync(_cancellationToken))
        {
            results.Add(map(reader));
        }

        return results;
    }

    /// <summary>
    /// The JSON document in column <paramref name="ordinal"/>, read as the UTF-8 bytes SQLite keeps for a
    /// TEXT value: a string in between would cost a copy twice the size and a transcoding.
    /// </summary>
    internal static T Document<T>(SqliteDataReader reader, int ordinal) => DocumentJson.Deserialize<T>(reader.GetFieldValue<byte[]>(ordinal));

    // Commands belong to the connection's statement cache: they are reused, never disposed here.
    private SqliteCommand Prepare(string sql, (string Name, object? Value)[] parameters) => _statements.For(sql, parameters, _transaction);
}
