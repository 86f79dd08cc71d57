using NodaTime;
using SalesBot.Conversations.Messages;

namespace SalesBot.Conversations.Ports;

/// <summary>
/// Where to reach a member (their 1:1 chat) or a team (its channel) without them typing first.
/// <see cref="Properties"/> holds what the channel needs to send (Teams <c>serviceUrl</c>, bot id…).
/// </summary>
public sealed record ConversationReference
{
    public required RecipientKind OwnerKind { get; init; }

    /// <summary>Member id or team id.</summary>
    public required string OwnerId { get; init; }

    public required string Channel { get; init; }
    public required string TenantId { get; init; }
    public required string ConversationId { get; init; }
    public ConversationScope Scope { get; init; }

    /// <summary>The person's id in the channel, for personal conversations.</summary>
    public string? UserId { get; init; }

    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();

    public required Instant UpdatedAt { get; init; }

    public string? Property(string key) => Properties.TryGetValue(key, out var v) ? v : null;

    /// <summary>True when saving <paramref name="other"/> over this one would change where messages go.</summary>
    public bool SameDestinationAs(ConversationReference other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return OwnerKind == other.OwnerKind && OwnerId == other.OwnerId && Channel == other.Channel && TenantId == other.TenantId
               && ConversationId == other.ConversationId && Scope == other.Scope && UserId == other.UserId
               && Properties.Count == other.Properties.Count
               && Properties.All(p => other.Properties.TryGetValue(p.Key, out var v) && v == p.Value);
    }
}

public enum RecipientKind
{
    Member,
    Team,
}

/// <summary>Where to reach members and teams. Written through <see cref="ChangeSet.PutConversation"/>, only when something changed.</summary>
public interface IConversationReferenceStore
{
    /// <summary>The most recently updated reference for the owner, on any channel.</summary>
    Task<ConversationReference?> FindAsync(RecipientKind ownerKind, string ownerId, CancellationToken cancellationToken = default);
}
