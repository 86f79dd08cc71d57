using Microsoft.Extensions.Logging;
using NodaTime;
using SalesBot.Conversations.Flows;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Ports;
using SalesBot.Conversations.Outbox;
using SalesBot.Core;

namespace SalesBot.Conversations;

/// <summary>
/// Routes an inbound event to its flow: drops duplicates, resolves the member, remembers where to
/// reach them, and turns anything unexpected into a polite reply.
/// </summary>
public sealed partial class ConversationEngine(
    MemberDirectory directory,
    IEnumerable<IFlow> flows,
    CommandTable commandTable,
    CheckInFlow checkIn,
    IEventLog events,
    IConversationReferenceStore references,
    IStoreWriter writer,
    IOutboxSignal outboxSignal,
    Scheduling.ScheduleChanges scheduleChanges,
    SharedConversations sharedConversations,
    Caching.TeamCache teamCache,
    IClock clock,
    ILogger<ConversationEngine> logger) : IConversationEngine
{
    /// <summary>How long a turn holds its event before a redelivery may take it over (the turn died).</summary>
    private static readonly Duration ClaimHold = Duration.FromMinutes(2);

    /// <summary>A turn that meets another writer reads again and runs once more, then gives up politely.</summary>
    private const int MaxAttempts = 3;

    private readonly IReadOnlyList<IFlow> _flows = flows.ToList();

    public async Task<TurnResult> HandleAsync(InboundEvent inbound, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        var eventKey = inbound.EventId is { Length: > 0 } eventId ? $"{inbound.Channel}:{eventId}" : null;
        if (eventKey is not null && await events.TryClaimAsync(eventKey, clock.GetCurrentInstant(), ClaimHold, cancellationToken) != EventClaim.Claimed)
        {
            LogDuplicate(logger, inbound.Channel, inbound.EventId!);
            return TurnResult.Nothing;
        }

        try
        {
            var (result, changes) = await RunWithRetryAsync(inbound, eventKey, cancellationToken);
            if (changes.QueuesDelivery)
            {
                // Wins and other posts go out now rather than at the next sweep.
                outboxSignal.Notify();
            }

            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Nothing was committed: the channel's retry (or the person, resubmitting) must be handled.
            LogCommitFailed(logger, ex, inbound.Channel);
            await ReleaseAsync(eventKey);
            return TurnResult.Reply("Sorry, I couldn't save that just now. Please try again in a minute.");
        }
        catch (OperationCanceledException)
        {
            await ReleaseAsync(eventKey);
            throw;
        }
    }

    private async Task<(TurnResult Result, ChangeSet Changes)> RunWithRetryAsync(InboundEvent inbound, string? eventKey, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var changes = new ChangeSet();
            var (member, team) = await directory.ResolveAsync(inbound, changes, cancellationToken);
            var turn = new Turn(inbound, member, team) { Changes = changes };
            await RememberConversationAsync(turn, cancellationToken);

            var beforeFlow = changes.Mark();
            var (result, changedNothing) = await RouteSafelyAsync(turn, cancellationToken);
            if (changedNothing)
            {
                // A rejected submit or a failed flow keeps only who the person is and where to reach them.
                changes.RollbackTo(beforeFlow);
            }
            else if (eventKey is not null)
            {
                changes.CompleteEvent(eventKey, clock.GetCurrentInstant());
            }

            try
            {
                if (!changes.IsEmpty)
                {
                    await writer.CommitAsync(changes, cancellationToken);
                }
            }
            catch (StoreConflictException ex) when (attempt < MaxAttempts)
            {
                LogConflict(logger, ex, inbound.Channel, attempt);
                teamCache.Forget(team.Id);
                continue;
            }

            teamCache.AfterCommit(changes);
            scheduleChanges.AfterCommit(changes, team);
            if (changedNothing)
            {
                // The same event may come again (a corrected form resubmitted with the same id, a channel's retry).
                await ReleaseAsync(eventKey);
            }

            return (result, changes);
        }
    }

    private async Task ReleaseAsync(string? eventKey)
    {
        if (eventKey is not null)
        {
            await events.ReleaseAsync(eventKey, CancellationToken.None);
        }
    }

    private async Task<(TurnResult Result, bool ChangedNothing)> RouteSafelyAsync(Turn turn, CancellationToken cancellationToken)
    {
        try
        {
            var (result, flow) = await RouteAsync(turn, cancellationToken);
            if (turn.Inbound.Kind is InboundEventKind.Message or InboundEventKind.Submission && !SharedConversations.MayAnswerInChannel(flow))
            {
                result = await sharedConversations.KeepPrivateAsync(turn, result, cancellationToken);
            }

            return (result, result.FieldErrors.Count > 0);
        }
        catch (DomainRuleException ex)
        {
            return (TurnResult.Reply(ex.Message), true);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The person gets an honest answer instead of silence; the details go to the log.
            LogFlowFailed(logger, ex, turn.Inbound.Channel, turn.Member.Id);
            return (TurnResult.Reply("Sorry, something went wrong on my side and I couldn't finish that. Please try again in a minute."), true);
        }
    }

    /// <summary>Runs the flow the event is for; the flow is null when no flow took it.</summary>
    private async Task<(TurnResult Result, IFlow? Flow)> RouteAsync(Turn turn, CancellationToken cancellationToken)
    {
        var inbound = turn.Inbound;
        switch (inbound.Kind)
        {
            case InboundEventKind.Installed:
                return (TurnResult.Reply(HelpFlow.For(turn.Member)), null);
            case InboundEventKind.AddedToChannel:
                return (TurnResult.Reply(
                    $"Hello {turn.Team.Name}! I'm SalesBot. I'll celebrate your wins here. Each of you can check in with me in a 1:1 chat."), null);
            case InboundEventKind.Submission when inbound.Submission is { } submission:
                var byVerb = _flows.FirstOrDefault(f => f.Verbs.Contains(submission.Verb, StringComparer.OrdinalIgnoreCase));
                if (byVerb is null)
                {
                    return (TurnResult.Reply("That button is from an older version of me. Type \"help\" to see what I can do."), null);
                }

                return RoleFit.Refusal(byVerb, turn.Member) is { } notForThem
                    ? (TurnResult.Reply(notForThem), null)
                    : (await byVerb.OnSubmitAsync(turn, submission, cancellationToken), byVerb);
        }

        var text = CommandText.Normalize(inbound.Text);
        if (text.Length == 0)
        {
            return (TurnResult.Reply("I didn't get any text. Type \"help\" to see what I can do."), null);
        }

        if (commandTable.TryMatch(TypedText.Of(text), _flows, out var flow, out var argument))
        {
            if (RoleFit.Refusal(flow, turn.Member) is { } refusal)
            {
                return (TurnResult.Reply(refusal), null);
            }

            return (await flow.OnCommandAsync(turn, argument, cancellationToken), flow);
        }

        if (CheckInFlow.LooksLikeNumbers(turn.Member, text))
        {
            return (await checkIn.OnNumbersAsync(turn, text, cancellationToken), checkIn);
        }

        return (TurnResult.Reply($"Sorry, I don't know \"{Shorten(text)}\". {RoleFit.Suggestions(turn.Member)}"), null);
    }

    /// <summary>Stages where to reach the member (1:1) or the team (its channel), only when it changed.</summary>
    private async Task RememberConversationAsync(Turn turn, CancellationToken cancellationToken)
    {
        var inbound = turn.Inbound;
        if (inbound.Scope == ConversationScope.Group)
        {
            return; // group chats are neither a rep's 1:1 nor the team channel
        }

        if (inbound.Scope == ConversationScope.Channel && inbound.Kind == InboundEventKind.Submission)
        {
            return; // a button on a post the bot made there: the channel is known, and a stray press must not move it
        }

        var (kind, owner) = inbound.Scope == ConversationScope.Personal
            ? (RecipientKind.Member, turn.Member.Id)
            : (RecipientKind.Team, turn.Team.Id);
        var reference = new ConversationReference
        {
            OwnerKind = kind,
            OwnerId = owner,
            Channel = inbound.Channel,
            TenantId = inbound.TenantId,
            ConversationId = inbound.ConversationId,
            Scope = inbound.Scope,
            UserId = inbound.Scope == ConversationScope.Personal ? inbound.UserId : null,
            Properties = inbound.ChannelProperties,
            UpdatedAt = clock.GetCurrentInstant(),
        };
        var known = await references.FindAsync(kind, owner, cancellationToken);
        if (known is null || !known.SameDestinationAs(reference))
        {
            turn.Changes.PutConversation(reference);
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "A flow failed for {Channel} member {MemberId}")]
    private static partial void LogFlowFailed(ILogger logger, Exception exception, string channel, string memberId);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "A {Channel} turn met another writer (attempt {Attempt}); reading again")]
    private static partial void LogConflict(ILogger logger, Exception exception, string channel, int attempt);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "A {Channel} turn could not be committed")]
    private static partial void LogCommitFailed(ILogger logger, Exception exception, string channel);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Dropped duplicate {Channel} event {EventId}")]
    private static partial void LogDuplicate(ILogger logger, string channel, string eventId);
}
