namespace SalesBot.Core.Wins;

/// <summary>A logged win as understood from a rep's words or a form, before it gets its id and time.</summary>
public sealed record WinDraft(WinKind Kind, string Text, string? Account = null, string? FromStage = null, string? ToStage = null, decimal? Amount = null);

/// <summary>Either a draft, or the polite reason it was refused (nothing is stored then).</summary>
public sealed record WinReading(WinDraft? Draft, string? Problem)
{
    public static WinReading Refused(string problem) => new(null, problem);

    public static WinReading Of(WinDraft draft) => new(draft, null);
}
