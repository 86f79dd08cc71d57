using NodaTime;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;

namespace SalesBot.Testing;

/// <summary>Test outbox posts: a pending post to rep-1 of the test team unless told otherwise.</summary>
public sealed class PostBuilder
{
    private readonly string _key;
    private RecipientKind _kind = RecipientKind.Member;
    private string _recipient = "rep-1";
    private string? _teamId = TestData.TeamId;
    private Instant _queuedAt = TestData.MondayMorningInNewYork;
    private OutboxStatus _status = OutboxStatus.Pending;
    private string? _error;
    private int _attempts;
    private Instant? _expiresAt;

    private PostBuilder(string key) => _key = key;

    public static PostBuilder APost(string key) => new(key);

    public PostBuilder To(string memberId) { _kind = RecipientKind.Member; _recipient = memberId; return this; }

    /// <summary>A post in <paramref name="teamId"/>'s channel, which says nothing else of its team (as posts queued before they carried one).</summary>
    public PostBuilder ToChannelOf(string teamId) { _kind = RecipientKind.Team; _recipient = teamId; _teamId = null; return this; }

    public PostBuilder InTeam(string? teamId) { _teamId = teamId; return this; }

    public PostBuilder QueuedAt(Instant at) { _queuedAt = at; return this; }

    public PostBuilder ExpiringAt(Instant at) { _expiresAt = at; return this; }

    public PostBuilder WithStatus(OutboxStatus status, string? error = null, int attempts = 0)
    {
        _status = status;
        _error = error;
        _attempts = attempts;
        return this;
    }

    public PostBuilder DeadLettered(string reason = "Member rep-1 has no chat with SalesBot.") => WithStatus(OutboxStatus.DeadLettered, reason, 1);

    public PostBuilder Failed(string error = "403 Forbidden: the bot was removed.", int attempts = 8) => WithStatus(OutboxStatus.Failed, error, attempts);

    public OutboxMessage Build() => new()
    {
        Key = _key,
        RecipientKind = _kind,
        RecipientId = _recipient,
        TeamId = _teamId,
        Message = OutboundMessage.Plain($"post {_key}"),
        CreatedAt = _queuedAt,
        NextAttemptAt = _queuedAt,
        Status = _status,
        LastError = _error,
        Attempts = _attempts,
        ExpiresAt = _expiresAt,
    };

    public static implicit operator OutboxMessage(PostBuilder builder) => builder.Build();
}
