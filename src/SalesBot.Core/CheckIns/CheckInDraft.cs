namespace SalesBot.Core.CheckIns;

/// <summary>
/// What a rep typed or submitted, before the rules have looked at it: raw text per metric so that
/// "12.5", "-3" or "lots" can be answered politely instead of failing to parse.
/// </summary>
public sealed record CheckInDraft(
    IReadOnlyDictionary<string, string?> RawValues,
    IReadOnlyList<string> Plan,
    string? Blockers)
{
    public static CheckInDraft Empty { get; } = new(new Dictionary<string, string?>(), [], null);
}
