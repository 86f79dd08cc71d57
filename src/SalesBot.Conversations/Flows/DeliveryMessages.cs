using System.Globalization;
using NodaTime;
using NodaTime.Text;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;

namespace SalesBot.Conversations.Flows;

/// <summary>How a team's deliveries read to its manager: names and local times, not keys and ids.</summary>
public static class DeliveryMessages
{
    private const int MaxReason = 140;
    private static readonly LocalDateTimePattern When = LocalDateTimePattern.Create("ddd d MMM HH:mm", CultureInfo.InvariantCulture);

    public static OutboundMessage Summary(
        Team team, OutboxCounts counts, IReadOnlyList<OutboxMessage> problems, IReadOnlyDictionary<string, string> names, DateTimeZone zone, string? note)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(zone);
        var headline = counts.Problems == 0
            ? $"Everything I had to send to {team.Name} went out or is on its way."
            : $"{Count(counts.Problems, "message")} to {team.Name} didn't go out.";
        var blocks = new List<MessageBlock> { new Heading($"{team.Name} · deliveries") };
        if (note is not null)
        {
            blocks.Add(new Paragraph(note));
        }

        blocks.Add(new Paragraph(headline));
        blocks.Add(new FactList(
        [
            new Fact("Waiting to send", N(counts[OutboxStatus.Pending])),
            new Fact("Sent", N(counts[OutboxStatus.Sent])),
            new Fact("Failed", N(counts[OutboxStatus.Failed])),
            new Fact("Dead-lettered (nowhere to send)", N(counts[OutboxStatus.DeadLettered])),
            new Fact("Withdrawn (no longer needed)", N(counts[OutboxStatus.Withdrawn])),
            new Fact("Skipped (their time passed)", N(counts[OutboxStatus.Skipped])),
        ]));
        if (problems.Count > 0)
        {
            blocks.Add(new Paragraph(problems.Count == 1 ? "The latest that didn't go out:" : $"The latest {problems.Count} that didn't go out:"));
            blocks.Add(new Table(
                ["For", "Queued", "What happened", "Why"],
                [.. problems.Select(p => (IReadOnlyList<string>)
                [
                    Recipient(p, names),
                    When.Format(p.CreatedAt.InZone(zone).LocalDateTime),
                    p.Status == OutboxStatus.Failed ? $"failed after {Count(p.Attempts, "try", "tries")}" : "dead-lettered",
                    Reason(p, names),
                ])]));
        }

        blocks.Add(new Paragraph("Sent, failed and dead-lettered messages are kept for 30 days.", Subtle: true));
        return new OutboundMessage
        {
            Text = note is null ? headline : $"{note} {headline}",
            Blocks = blocks,
            Actions = counts.Problems > 0
                ? [new ActionButton("Retry dead letters", DeliveryFlow.RetryVerb, Primary: true), new ActionButton("Refresh", DeliveryFlow.Verb)]
                : [new ActionButton("Refresh", DeliveryFlow.Verb)],
        };
    }

    public static string RetryNote(int retried, int refused, bool more) =>
        (retried == 0 ? "There was nothing I could send again." : $"Sending {Count(retried, "message")} again now.")
        + (refused == 0 ? string.Empty : $" {Count(refused, "message")} stopped being worth sending, so I left {(refused == 1 ? "it" : "them")}.")
        + (more ? " There may be more: press Retry dead letters again once these are through." : string.Empty);

    private static string Recipient(OutboxMessage post, IReadOnlyDictionary<string, string> names) =>
        post.RecipientKind == RecipientKind.Team
            ? "the team channel"
            : names.TryGetValue(post.RecipientId, out var name) ? name : post.RecipientId;

    /// <summary>The last error in words, with the recipient's id replaced by their name.</summary>
    private static string Reason(OutboxMessage post, IReadOnlyDictionary<string, string> names)
    {
        if (string.IsNullOrWhiteSpace(post.LastError))
        {
            return "—";
        }

        var reason = post.RecipientKind == RecipientKind.Member && names.TryGetValue(post.RecipientId, out var name)
            ? post.LastError.Replace($"Member {post.RecipientId}", name, StringComparison.Ordinal).Replace(post.RecipientId, name, StringComparison.Ordinal)
            : post.RecipientKind == RecipientKind.Team
                ? post.LastError.Replace($"Team {post.RecipientId}", "The team", StringComparison.Ordinal)
                : post.LastError;
        return reason.Length <= MaxReason ? reason : reason[..(MaxReason - 1)] + "…";
    }

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Count(long n, string one, string? many = null) => $"{N(n)} {(n == 1 ? one : many ?? one + "s")}";
}
