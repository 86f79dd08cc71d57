using SalesBot.Conversations.Messages;
using SalesBot.Core.Organization;

namespace SalesBot.Conversations.Flows;

/// <summary>What the bot can do, tailored to reps and managers.</summary>
public sealed class HelpFlow : IFlow
{
    public IReadOnlyList<string> Commands { get; } = ["help", "?", "hi", "hello", "hey", "start"];

    public IReadOnlyList<string> Verbs { get; } = ["help"];

    public Task<TurnResult> OnCommandAsync(Turn turn, string argument, CancellationToken cancellationToken) =>
        Task.FromResult(TurnResult.Reply(For(turn.Member)));

    public Task<TurnResult> OnSubmitAsync(Turn turn, FormSubmission submission, CancellationToken cancellationToken) =>
        Task.FromResult(TurnResult.Reply(For(turn.Member)));

    public static OutboundMessage For(Member member)
    {
        ArgumentNullException.ThrowIfNull(member);
        var items = new List<string>
        {
            "check in: yesterday's numbers, today's top 3 and blockers (or type it in one line: calls 32, meetings 4, proposals 1)",
            "win <what happened>: share a small win with the team, e.g. win moved Acme to proposal",
            "reflect: this month's what worked, what didn't, what I'll try",
            "status: your numbers" + (member.Role.CanSeeTeamStatus() ? ", or your team's check-ins for the day" : string.Empty),
        };
        var metrics = member.Metrics.Count == 0
            ? "You have no lead metrics yet."
            : "Your lead metrics: " + string.Join(", ", member.Metrics.Select(m => $"{m.Name} (target {m.DailyTarget})")) + ".";
        return new OutboundMessage
        {
            Text = $"Hi {member.DisplayName}! I'm SalesBot: I help you do the right things every day. Try: check in, win, reflect, status.",
            Blocks =
            [
                new Heading($"Hi {member.DisplayName}, here's what I can do"),
                new BulletList(items),
                new Paragraph(metrics, Subtle: true),
            ],
            Actions = [new ActionButton("Check in", CheckInFlow.OpenVerb, Primary: true), new ActionButton("Status", StatusFlow.Verb)],
        };
    }
}
