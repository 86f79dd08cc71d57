using SalesBot.Conversations.Ports;

namespace SalesBot.Storage.Sqlite;

public sealed class SqliteConversationReferenceStore(SqliteDatabase database) : SqliteDocuments(database), IConversationReferenceStore
{
    public Task SaveAsync(ConversationReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return ExecuteAsync(
            """
            INSERT INTO conversation_refs (owner_kind, owner_id, channel, updated_ms, doc) VALUES ($k, $o, $c, $u, $doc)
            ON CONFLICT(owner_kind, owner_id, channel) DO UPDATE SET updated_ms = excluded.updated_ms, doc = excluded.doc;
            """,
            cancellationToken, ("$k", reference.OwnerKind.ToString()), ("$o", reference.OwnerId), ("$c", reference.Channel),
            ("$u", reference.UpdatedAt.ToUnixTimeMilliseconds()), ("$doc", DocumentJson.Serialize(reference)));
    }

    public Task<ConversationReference?> FindAsync(RecipientKind ownerKind, string ownerId, CancellationToken cancellationToken = default) =>
        QuerySingleAsync<ConversationReference>(
            "SELECT doc FROM conversation_refs WHERE owner_kind = $k AND owner_id = $o ORDER BY updated_ms DESC, channel LIMIT 1;",
            cancellationToken, ("$k", ownerKind.ToString()), ("$o", ownerId));
}
