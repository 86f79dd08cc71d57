using NodaTime;

namespace SalesBot.Core.Wins;

/// <summary>
/// A small success worth celebrating (seeds 002, 004): logged by the rep, or detected from a check-in.
/// </summary>
public sealed record Win
{
    public const int MaxTextLength = 280;
    public const int MaxAccountLength = 80;

    public required string Id { get; init; }
    public required string MemberId { get; init; }
    public required string TeamId { get; init; }
    public required WinKind Kind { get; init; }

    /// <summary>What happened, in the rep's words (logged) or ours (detected).</summary>
    public required string Text { get; init; }

    public required Instant At { get; init; }

    /// <summary>The prospect or customer, for a stage advance, a meeting booked or a deal closed.</summary>
    public string? Account { get; init; }

    /// <summary>A stage advance's stages, as the team spells them; the from-stage may be unknown.</summary>
    public string? FromStage { get; init; }

    public string? ToStage { get; init; }

    /// <summary>A deal closed's value, counted toward the revenue quota; null when the rep did not say.</summary>
    public decimal? Amount { get; init; }

    public bool Detected => Kind is WinKind.TargetHit or WinKind.PersonalBest or WinKind.Streak or WinKind.FirstDealOfMonth;
}

public enum WinKind
{
    StageAdvanced,
    MeetingWon,
    DealClosed,
    Other,
    TargetHit,
    PersonalBest,
    Streak,
    FirstDealOfMonth,
}
