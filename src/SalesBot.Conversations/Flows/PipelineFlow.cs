using SalesBot.Conversations.Messages;
using SalesBot.Core;
using SalesBot.Core.Organization;
using SalesBot.Core.Pipeline;

namespace SalesBot.Conversations.Flows;

/// <summary>
/// The team's pipeline stages: everyone sees them with "pipeline"; a manager sets them in order
/// ("pipeline Lead, Qualified, Demo, Proposal, Closed won") or goes back to the defaults
/// ("pipeline reset"). Wins already logged keep the stage names they were logged with.
/// </summary>
public sealed class PipelineFlow(MemberChanges changes) : IFlow
{
    public const string Usage = "Managers: \"pipeline Lead, Qualified, Demo, Proposal, Closed won\" (in order, 2 to 12 stages), or \"pipeline reset\" for the defaults.";

    public IReadOnlyList<string> Commands { get; } = ["pipeline stages", "pipeline"];

    public IReadOnlyList<string> Verbs { get; } = ["pipeline.show"];

    public Task<TurnResult> OnSubmitAsync(Turn turn, FormSubmission submission, CancellationToken cancellationToken) =>
        OnCommandAsync(turn, string.Empty, cancellationToken);

    public async Task<TurnResult> OnCommandAsync(Turn turn, string argument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var text = (argument ?? string.Empty).Trim();
        if (text.Length == 0 || text.Equals("show", StringComparison.OrdinalIgnoreCase) || text.Equals("list", StringComparison.OrdinalIgnoreCase))
        {
            return TurnResult.Reply(Show(turn));
        }

        if (!turn.Member.Role.CanSeeTeamStatus())
        {
            return TurnResult.Reply($"Your manager sets the team's pipeline stages. They are: {turn.Team.Pipeline.Listed}.");
        }

        PipelineStages stages;
        if (text.ToLowerInvariant() is "reset" or "default" or "defaults")
        {
            stages = PipelineStages.Default;
        }
        else
        {
            var names = text.Split([',', ';', '→', '>'], StringSplitOptions.TrimEntries).ToList();
            if (names.Count == 1)
            {
                return TurnResult.Reply($"List the stages in order, separated by commas, e.g. \"pipeline Lead, Qualified, Demo, Proposal, Closed won\". Nothing was changed.");
            }

            try
            {
                stages = PipelineStages.Of(names);
            }
            catch (DomainRuleException ex)
            {
                return TurnResult.Reply($"{ex.Message} Nothing was changed.");
            }
        }

        var team = await changes.UpdateTeamAsync(turn, t => t with { Pipeline = stages }, cancellationToken);
        return TurnResult.Reply(new OutboundMessage
        {
            Text = $"{team.Name}'s pipeline is now: {stages.Listed}. Reps choose from these stages when they log a stage advance.",
            Blocks =
            [
                new Heading($"{team.Name} · pipeline stages"),
                new BulletList([.. stages.Names.Select((n, i) => $"{i + 1}. {n}")]),
                new Paragraph("Reps choose from these when they log a stage advance; wins already logged keep their stages.", Subtle: true),
            ],
        });
    }

    private static OutboundMessage Show(Turn turn) => new()
    {
        Text = $"{turn.Team.Name}'s pipeline: {turn.Team.Pipeline.Listed}.",
        Blocks =
        [
            new Heading($"{turn.Team.Name} · pipeline stages"),
            new BulletList([.. turn.Team.Pipeline.Names.Select((n, i) => $"{i + 1}. {n}")]),
            new Paragraph(turn.Member.Role.CanSeeTeamStatus()
                ? Usage
                : "Log a step forward with \"win moved Acme to proposal\", or say \"win\" for the form.", Subtle: true),
        ],
    };
}
