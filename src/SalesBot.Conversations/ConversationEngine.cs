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
    CheckInFlow checkIn,
    IProcessedEvents processed,
    IConversationReferenceStore references,
    IOutboxSignal outboxSignal,
    IClock clock,
    ILogger<ConversationEngine> logger) : IConversationEngine
{
    private readonly IReadOnlyList<IFlow> _flows = flows.ToList();

    // Longest command first, so "log a win" is tried before "win".
    private IEnumerable<(string Command, IFlow Flow)> Commands =>
        _flows.SelectMany(f => f.Commands.Select(c => (c, f))).OrderByDescending(x => x.c.Length);

    public async Task<TurnResult> HandleAsync(InboundEvent inbound, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        var eventKey = inbound.EventId is { Length: > 0 } eventId ? $"{inbound.Channel}:{eventId}" : null;
        if (eventKey is not null && !await processed.TryMarkAsync(eventKey, clock.GetCurrentInstant(), cancellationToken))
        {
            LogDuplicate(logger, inbound.Channel, inbound.EventId!);
            return TurnResult.Nothing;
        }

        var (member, team) = await directory.ResolveAsync(inbound, cancellationToken);
        var turn = new Turn(inbound, member, team);
        await RememberConversationAsync(turn, cancellationToken);

        var (result, changedNothing) = await RouteSafelyAsync(turn, cancellationToken);
        if (changedNothing && eventKey is not null)
        {
            // A rejected submit or a failed turn wrote nothing: the same event may come again
            // (a corrected form resubmitted with the same id, a channel's retry) and must be handled.
            await processed.ForgetAsync(eventKey, CancellationToken.None);
        }

        // Wins and other posts written by the flow go out now rather than at the next sweep.
        outboxSignal.Notify();
        return result;
    }

    private async Task<(TurnResult Result, bool ChangedNothing)> RouteSafelyAsync(Turn turn, CancellationToken cancellationToken)
    {
        try
        {
            var result = await RouteAsync(turn, cancellationToken);
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

    private Task<TurnResult> RouteAsync(Turn turn, CancellationToken cancellationToken)
    {
        var inbound = turn.Inbound;
        switch (inbound.Kind)
        {
            case InboundEventKind.Installed:
                return Task.FromResult(TurnResult.Reply(HelpFlow.For(turn.Member)));
            case InboundEventKind.AddedToChannel:
                return Task.FromResult(TurnResult.Reply(
                    $"Hello {turn.Team.Name}! I'm SalesBot. I'll celebrate your wins here. Each of you can check in with me in a 1:1 chat."));
            case InboundEventKind.Submission when inbound.Submission is { } submission:
                var byVerb = _flows.FirstOrDefault(f => f.Verbs.Contains(submission.Verb, StringComparer.OrdinalIgnoreCase));
                return byVerb is null
                    ? Task.FromResult(TurnResult.Reply("That button is from an older version of me. Type \"help\" to see what I can do."))
                    : byVerb.OnSubmitAsync(turn, submission, cancellationToken);
        }

        var text = CommandText.Normalize(inbound.Text);
        if (text.Length == 0)
        {
            return Task.FromResult(TurnResult.Reply("I didn't get any text. Type \"help\" to see what I can do."));
        }

        foreach (var (command, flow) in Commands)
        {
            if (CommandText.TryMatch(text, command, out var argument))
            {
                return flow.OnCommandAsync(turn, argument, cancellationToken);
            }
        }

        if (CheckInFlow.LooksLikeNumbers(turn.Member, text))
        {
            return checkIn.OnNumbersAsync(turn, text, cancellationToken);
        }

        return Task.FromResult(TurnResult.Reply(
            $"Sorry, I don't know \"{Shorten(text)}\". Try \"check in\", \"win <what happened>\", \"reflect\", \"status\" or \"help\"."));
    }

    private async Task RememberConversationAsync(Turn turn, CancellationToken cancellationToken)
    {
        var inbound = turn.Inbound;
        var (kind, owner) = inbound.Scope == ConversationScope.Personal
            ? (RecipientKind.Member, turn.Member.Id)
            : (RecipientKind.Team, turn.Team.Id);
        if (inbound.Scope == ConversationScope.Group)
        {
            return; // group chats are neither a rep's 1:1 nor the team channel
        }

        await references.SaveAsync(
            new ConversationReference
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
            },
            cancellationToken);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "A flow failed for {Channel} member {MemberId}")]
    private static partial void LogFlowFailed(ILogger logger, Exception exception, string channel, string memberId);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Dropped duplicate {Channel} event {EventId}")]
    private static partial void LogDuplicate(ILogger logger, string channel, string eventId);
}
