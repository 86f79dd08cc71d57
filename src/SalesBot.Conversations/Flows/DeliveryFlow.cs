using NodaTime;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;

namespace SalesBot.Conversations.Flows;

/// <summary>
/// A manager's view of their own team's deliveries: how many posts are waiting, sent, withdrawn and
/// stuck, the latest that failed or were dead-lettered (for whom, when, why), and a button to send
/// those again. Only the manager's team is ever read or retried; the button carries no keys, so
/// nothing a client echoes back can point it at another team's posts.
/// </summary>
public sealed class DeliveryFlow(IOutboxAdmin outbox, IMemberStore members, IClock clock) : IFlow
{
    public const string Verb = "delivery";
    public const string RetryVerb = "delivery.retry";

    /// <summary>Problems shown in the summary.</summary>
    public const int Shown = 5;

    /// <summary>Posts one press of "Retry dead letters" sends again; a larger backlog takes another press.</summary>
    public const int RetryBatch = 20;

    public IReadOnlyList<string> Commands { get; } = ["delivery", "outbox"];

    public IReadOnlyList<string> Verbs { get; } = [Verb, RetryVerb];

    public Task<TurnResult> OnCommandAsync(Turn turn, string argument, CancellationToken cancellationToken) =>
        ForManagersAsync(turn, () => ShowAsync(turn, note: null, cancellationToken));

    public Task<TurnResult> OnSubmitAsync(Turn turn, FormSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        return submission.Verb.Equals(RetryVerb, StringComparison.OrdinalIgnoreCase)
            ? ForManagersAsync(turn, () => RetryAsync(turn, cancellationToken))
            : OnCommandAsync(turn, string.Empty, cancellationToken);
    }

    private static Task<TurnResult> ForManagersAsync(Turn turn, Func<Task<TurnResult>> show)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return turn.Member.Role.CanSeeTeamStatus()
            ? show()
            : Task.FromResult(TurnResult.Reply(
                "Delivery is for managers: it shows what I could and couldn't send to your team. If a message from me seems to be missing, let your manager know."));
    }

    private async Task<TurnResult> ShowAsync(Turn turn, string? note, CancellationToken cancellationToken)
    {
        var team = turn.Team;
        var counts = await outbox.CountAsync(team.Id, cancellationToken);
        var problems = await outbox.ListRecentAsync(OutboxRetries.Problems, team.Id, Shown, cancellationToken);
        var names = await NamesAsync(team, cancellationToken);
        return TurnResult.Reply(DeliveryMessages.Summary(team, counts, [.. problems.Select(p => p.Value).Where(p => OutboxTeams.TeamOf(p) == team.Id)], names, turn.Zone, note));
    }

    private async Task<TurnResult> RetryAsync(Turn turn, CancellationToken cancellationToken)
    {
        var team = turn.Team;
        var now = clock.GetCurrentInstant();
        var problems = await outbox.ListRecentAsync(OutboxRetries.Problems, team.Id, RetryBatch, cancellationToken);
        var retried = new List<OutboxMessage>();
        var stuck = new List<OutboxMessage>();
        foreach (var post in problems)
        {
            // The store filtered by team; check again, since this write must never reach another team's posts.
            if (OutboxTeams.TeamOf(post.Value) != team.Id)
            {
                continue;
            }

            if (OutboxRetries.RefusalReason(post.Value, now) is not null)
            {
                stuck.Add(post.Value);
                continue;
            }

            turn.Changes.RetryPost(post, now);
            retried.Add(post.Value);
        }

        // The retries are committed with the turn: show the counts as they will be once it is.
        var counts = MovedToPending(await outbox.CountAsync(team.Id, cancellationToken), retried);
        var note = DeliveryMessages.RetryNote(retried.Count, stuck.Count, more: problems.Count == RetryBatch);
        return TurnResult.Reply(DeliveryMessages.Summary(team, counts, [.. stuck.Take(Shown)], await NamesAsync(team, cancellationToken), turn.Zone, note));
    }

    private static OutboxCounts MovedToPending(OutboxCounts counts, IReadOnlyList<OutboxMessage> retried)
    {
        var byStatus = Enum.GetValues<OutboxStatus>().ToDictionary(s => s, s => counts[s]);
        foreach (var post in retried)
        {
            byStatus[post.Status] = Math.Max(0, byStatus[post.Status] - 1);
            byStatus[OutboxStatus.Pending]++;
        }

        return new OutboxCounts(byStatus);
    }

    private async Task<IReadOnlyDictionary<string, string>> NamesAsync(Team team, CancellationToken cancellationToken) =>
        (await members.ListTeamAsync(team.Id, cancellationToken)).ToDictionary(m => m.Id, m => m.DisplayName, StringComparer.Ordinal);
}
