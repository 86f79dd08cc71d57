using SalesBot.Conversations.Messages;

namespace SalesBot.Conversations.Flows;

/// <summary>
/// One conversation a person can have with the bot (check-in, win, status…). Flows are
/// channel-neutral: they read <see cref="Turn"/> and answer with the neutral model.
/// </summary>
public interface IFlow
{
    /// <summary>Typed commands this flow answers, e.g. <c>check in</c>; matched on the first words.</summary>
    IReadOnlyList<string> Commands { get; }

    /// <summary>Form or button verbs this flow answers, e.g. <c>checkin.submit</c>.</summary>
    IReadOnlyList<string> Verbs { get; }

    /// <summary>Handles a typed command; <paramref name="argument"/> is the text after the command words.</summary>
    Task<TurnResult> OnCommandAsync(Turn turn, string argument, CancellationToken cancellationToken);

    Task<TurnResult> OnSubmitAsync(Turn turn, FormSubmission submission, CancellationToken cancellationToken);
}
