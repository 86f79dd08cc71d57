using SalesBot.Conversations.Ports;

namespace SalesBot.Storage.Sqlite;

public sealed class SqliteInstallationStore(SqliteDatabase database) : SqliteDocuments(database), IInstallationStore
{
    public Task<ChannelInstallation?> FindAsync(string channel, string workspaceId, CancellationToken cancellationToken = default) =>
        QuerySingleAsync<ChannelInstallation>("SELECT doc FROM installations WHERE channel = $c AND workspace_id = $w;", cancellationToken,
            ("$c", channel), ("$w", workspaceId));
}
