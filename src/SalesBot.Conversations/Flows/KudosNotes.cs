using System.Globalization;
using NodaTime;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Wins;

namespace SalesBot.Conversations.Flows;

/// <summary>
/// Tells a rep who gave kudos on their win, batched: at most one 1:1 note per win per clock hour
/// (<see cref="Batch"/>), sent when the hour ends and naming everyone who pressed within it. The
/// note's key names the win and the hour, so a re-run turn or a second press queues nothing twice;
/// its text is rebuilt from the stored kudos right before sending (<see cref="KudosNoteCheck"/>), so
/// it names the presses that came after it was queued. Like every 1:1 message, it waits for the
/// rep's working hours.
/// </summary>
public static class KudosNotes
{
    public const string KeyPrefix = "kudos-note:";

    public static readonly Duration Batch = Duration.FromHours(1);

    /// <summary>Queues the note for the hour <paramref name="at"/> falls in, unless it is queued already.</summary>
    public static void Stage(ChangeSet changes, Win win, WinKudos kudos, Instant at)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(win);
        ArgumentNullException.ThrowIfNull(kudos);
        var from = BatchStart(at);
        changes.Enqueue(new OutboxMessage
        {
            Key = Key(win.Id, from),
            RecipientKind = RecipientKind.Member,
            RecipientId = win.MemberId,
            TeamId = win.TeamId,
            Message = Note(win, kudos.GivenBetween(from, from + Batch)) ?? OutboundMessage.Plain("👏 Your teammates gave kudos on your win."),
            CreatedAt = at,
            NextAttemptAt = from + Batch,
        });
    }

    public static Instant BatchStart(Instant at)
    {
        var ticks = Batch.BclCompatibleTicks;
        var since = at.ToUnixTimeTicks();
        return Instant.FromUnixTimeTicks(since - (((since % ticks) + ticks) % ticks));
    }

    /// <summary><c>kudos-note:{winId}:{batch start, Unix seconds}</c>; win ids may themselves hold colons.</summary>
    public static string Key(string winId, Instant batchStart) =>
        $"{KeyPrefix}{winId}:{batchStart.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}";

    public static (string WinId, Instant BatchStart)? Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.StartsWith(KeyPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = key[KeyPrefix.Length..];
        var split = rest.LastIndexOf(':');
        return split > 0 && long.TryParse(rest[(split + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? (rest[..split], Instant.FromUnixTimeSeconds(seconds))
            : null;
    }

    /// <summary>"👏 Ben, Chloe and Diego gave kudos on your win 'Moved Acme to Proposal'"; null for nobody.</summary>
    public static OutboundMessage? Note(Win win, IReadOnlyList<KudosGiver> givers)
    {
        ArgumentNullException.ThrowIfNull(win);
        ArgumentNullException.ThrowIfNull(givers);
        if (givers.Count == 0)
        {
            return null;
        }

        var names = KudosPost.Names([.. givers.Select(g => g.Name)], 5, givers.Count - 5 == 1 ? "other" : "others");
        return OutboundMessage.Plain($"👏 {names} gave kudos on your win '{win.Text}'");
    }
}

/// <summary>Rebuilds a kudos note from the stored kudos right before it goes out (see <see cref="KudosNotes"/>).</summary>
public sealed class KudosNoteCheck(IWinStore wins, IKudosStore kudos) : IDeliveryCheck
{
    public async Task<DeliveryDecision> DecideAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (KudosNotes.Parse(message.Key) is not var (winId, from))
        {
            return DeliveryDecision.Send;
        }

        var win = await wins.GetAsync(message.RecipientId, winId, cancellationToken);
        var stored = await kudos.GetAsync(message.RecipientId, winId, cancellationToken);
        if (win is null || stored is null)
        {
            return DeliveryDecision.Withdraw("The win or its kudos are gone.");
        }

        return KudosNotes.Note(win, stored.Value.GivenBetween(from, from + KudosNotes.Batch)) is { } note
            ? DeliveryDecision.SendAs(note)
            : DeliveryDecision.Withdraw("Nobody gave kudos in that hour after all.");
    }
}
