namespace SalesBot.Conversations.Flows;

/// <summary>
/// Every flow's commands, longest first (so "log a win" is tried before "win"), split into words once
/// per container rather than on every turn: flows are scoped, but their commands are fixed.
/// </summary>
public sealed class CommandTable
{
    private (string[] Words, int Flow)[]? _commands;

    /// <summary>
    /// The flow whose command <paramref name="typed"/> starts with, and the rest of the text. The table is
    /// built from the first turn's flows: a container gives every turn the same flows in the same order.
    /// </summary>
    public bool TryMatch(TypedText typed, IReadOnlyList<IFlow> flows, out IFlow flow, out string argument)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(flows);
        var commands = _commands ??= flows
            .SelectMany((f, index) => f.Commands.Select(command => (Command: command, Flow: index)))
            .OrderByDescending(x => x.Command.Length)
            .Select(x => (CommandText.Words(x.Command), x.Flow))
            .ToArray();
        foreach (var (words, index) in commands)
        {
            if (typed.TryMatch(words, out argument))
            {
                flow = flows[index];
                return true;
            }
        }

        flow = null!;
        argument = string.Empty;
        return false;
    }
}
