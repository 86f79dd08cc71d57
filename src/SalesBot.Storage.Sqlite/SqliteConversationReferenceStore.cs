using SalesBot.Conversations.Ports;

namespace SalesBot.Storage.Sqlite;

public sealed class SqliteConversationReferenceStore(SqliteDatabase database) : SqliteDocuments(database), IConversationReferenceStore
{
    public Task<ConversationReference?> FindAsync(RecipientKind ownerKind, string ownerId, CancellationToken cancellationToken = default) =>
        QuerySingleAsync<ConversationReference>(
            "SELECT doc FROM conversation_refs WHERE owner_kind = $k AND owner_id = $o ORDER BY updated_ms DESC, channel LIMIT 1;",
            cancellationToken, ("$k", ownerKind.ToString()), ("$o", ownerId));
}
