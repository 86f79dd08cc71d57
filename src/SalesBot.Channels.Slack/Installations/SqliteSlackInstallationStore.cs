using System.Globalization;
using Microsoft.Data.Sqlite;

namespace SalesBot.Channels.Slack.Installations;

/// <summary>
/// Installations in their own table (<c>slack_installations</c>) of the bot's SQLite file, so a
/// restart keeps every workspace's token.
/// </summary>
public sealed class SqliteSlackInstallationStore(string databasePath) : ISlackInstallationStore
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
    }.ToString();

    private volatile bool _schemaReady;

    public async Task SaveAsync(SlackInstallation installation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(installation);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO slack_installations (team_id, team_name, bot_token, bot_user_id, app_id, installed_at)
            VALUES ($team, $name, $token, $bot, $app, $at)
            ON CONFLICT (team_id) DO UPDATE SET team_name = excluded.team_name, bot_token = excluded.bot_token,
                bot_user_id = excluded.bot_user_id, app_id = excluded.app_id, installed_at = excluded.installed_at;
            """;
        command.Parameters.AddWithValue("$team", installation.TeamId);
        command.Parameters.AddWithValue("$name", (object?)installation.TeamName ?? DBNull.Value);
        command.Parameters.AddWithValue("$token", installation.BotToken);
        command.Parameters.AddWithValue("$bot", (object?)installation.BotUserId ?? DBNull.Value);
        command.Parameters.AddWithValue("$app", (object?)installation.AppId ?? DBNull.Value);
        command.Parameters.AddWithValue("$at", installation.InstalledAt.ToString("O", CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<SlackInstallation?> FindAsync(string teamId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT team_id, team_name, bot_token, bot_user_id, app_id, installed_at FROM slack_installations WHERE team_id = $team";
        command.Parameters.AddWithValue("$team", teamId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new SlackInstallation(
            reader.GetString(0),
            reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetString(4),
            DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        if (!_schemaReady)
        {
            // CREATE TABLE IF NOT EXISTS is idempotent, so racing first calls are harmless.
            await using var command = connection.CreateCommand();
            command.CommandText = """
                PRAGMA busy_timeout = 5000;
                CREATE TABLE IF NOT EXISTS slack_installations (
                    team_id TEXT NOT NULL PRIMARY KEY,
                    team_name TEXT NULL,
                    bot_token TEXT NOT NULL,
                    bot_user_id TEXT NULL,
                    app_id TEXT NULL,
                    installed_at TEXT NOT NULL);
                """;
            await command.ExecuteNonQueryAsync(cancellationToken);
            _schemaReady = true;
        }

        return connection;
    }
}
