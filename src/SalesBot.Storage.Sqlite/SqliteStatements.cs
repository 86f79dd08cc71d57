using Microsoft.Data.Sqlite;

namespace SalesBot.Storage.Sqlite;

/// <summary>
/// Prepared commands of one connection, kept by SQL text: SQLite compiles a statement once per
/// connection instead of on every call. The store's SQL is a small fixed set, so the cache stays
/// small; it is emptied if it ever passes <see cref="MaxStatements"/>.
/// </summary>
internal sealed class SqliteStatements(SqliteConnection connection) : IDisposable
{
    private const int MaxStatements = 256;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqliteConnection Connection { get; } = connection;

    /// <summary>The command for <paramref name="sql"/> with these parameter values, in <paramref name="transaction"/> if any.</summary>
    public SqliteCommand For(string sql, (string Name, object? Value)[] parameters, SqliteTransaction? transaction)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            if (_commands.Count >= MaxStatements)
            {
                Dispose();
            }

            command = Connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        command.Transaction = transaction;
        var bound = command.Parameters;
        if (!SameNames(bound, parameters))
        {
            bound.Clear();
            foreach (var (name, _) in parameters)
            {
                bound.Add(new SqliteParameter { ParameterName = name });
            }
        }

        // The same SQL comes with the same parameter names: only the values change from call to call.
        for (var i = 0; i < parameters.Length; i++)
        {
            bound[i].Value = parameters[i].Value ?? DBNull.Value;
        }

        return command;
    }

    private static bool SameNames(SqliteParameterCollection bound, (string Name, object? Value)[] parameters)
    {
        if (bound.Count != parameters.Length)
        {
            return false;
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            if (!string.Equals(bound[i].ParameterName, parameters[i].Name, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
