namespace SalesBot.Core.Pipeline;

/// <summary>
/// The steps a prospect moves through, in order (seeds 002, 004: every step forward is a win). Set by
/// a manager per team; a stage advance must name two of them, the second later than the first.
/// </summary>
public sealed record PipelineStages
{
    public const int MinStages = 2;
    public const int MaxStages = 12;
    public const int MaxNameLength = 30;

    public static PipelineStages Default { get; } = new() { Names = ["Lead", "Qualified", "Discovery", "Proposal", "Negotiation", "Closed won"] };

    public IReadOnlyList<string> Names { get; init; } = [];

    /// <summary>Why these names cannot be a pipeline, or null when they can.</summary>
    public static string? Problem(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count < MinStages || names.Count > MaxStages)
        {
            return $"A pipeline has {MinStages} to {MaxStages} stages; you gave {names.Count}.";
        }

        if (names.FirstOrDefault(n => n.Length == 0) is not null)
        {
            return "One of the stages has no name: separate the names with commas, e.g. \"Lead, Qualified, Proposal, Closed won\".";
        }

        if (names.FirstOrDefault(n => n.Length > MaxNameLength) is { } tooLong)
        {
            return $"Keep each stage name to {MaxNameLength} characters (\"{tooLong[..MaxNameLength]}…\" is longer).";
        }

        if (names.FirstOrDefault(n => n.Any(c => char.IsControl(c) || c is '<' or '>' or '*' or '`' or '|')) is { } odd)
        {
            return $"Stage names are plain words; \"{odd}\" has characters I can't use.";
        }

        var duplicate = names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? null : $"\"{duplicate.Key}\" appears twice; each stage needs its own name.";
    }

    /// <summary>The stages, checked; throws <see cref="DomainRuleException"/> with <see cref="Problem"/>.</summary>
    public static PipelineStages Of(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var list = names.Select(n => n.Trim()).ToList();
        return Problem(list) is { } problem ? throw new DomainRuleException(problem) : new PipelineStages { Names = list };
    }

    /// <summary>The stage a rep named ("proposal", "the Proposal stage"), as the team spells it; null when it is not one.</summary>
    public string? Find(string? typed)
    {
        var wanted = Normalize(typed);
        return wanted.Length == 0 ? null : Names.FirstOrDefault(n => string.Equals(Normalize(n), wanted, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The position of a stage (as the team spells it), or -1.</summary>
    public int IndexOf(string? stage) =>
        stage is null ? -1 : Names.ToList().FindIndex(n => string.Equals(n, stage, StringComparison.OrdinalIgnoreCase));

    /// <summary>The stage just before <paramref name="stage"/>, or null for the first one.</summary>
    public string? Before(string stage) => IndexOf(stage) is > 0 and var i ? Names[i - 1] : null;

    /// <summary>True when going from one stage to the other is a step forward.</summary>
    public bool IsForward(string from, string to) => IndexOf(from) is >= 0 and var f && IndexOf(to) > f;

    public string Listed => string.Join(" → ", Names);

    public bool Equals(PipelineStages? other) => other is not null && Names.SequenceEqual(other.Names, StringComparer.Ordinal);

    public override int GetHashCode() => Names.Count;

    private static string Normalize(string? text)
    {
        var t = string.Join(' ', (text ?? string.Empty).Trim().TrimEnd('.', '!').Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (t.StartsWith("the ", StringComparison.OrdinalIgnoreCase))
        {
            t = t[4..];
        }

        if (t.EndsWith(" stage", StringComparison.OrdinalIgnoreCase))
        {
            t = t[..^6];
        }

        return t.Trim();
    }
}
