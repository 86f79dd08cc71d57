using NodaTime;

namespace SalesBot.Conversations.Ports;

/// <summary>How long short-lived records are kept, so that state stays bounded (TTL on Cosmos DB, a pruning job on SQLite).</summary>
public static class Retention
{
    /// <summary>Slack retries for about an hour and Teams for minutes; a week covers both with room to spare.</summary>
    public static readonly Duration EventMarks = Duration.FromDays(7);

    /// <summary>Sent, failed and dead-lettered posts are kept a month for support questions, then go.</summary>
    public static readonly Duration FinishedPosts = Duration.FromDays(30);
}
