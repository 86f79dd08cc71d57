using NodaTime;

namespace SalesBot.Core.Wins;

/// <summary>
/// A small success worth celebrating (seeds 002, 004): logged by the rep, or detected from a check-in.
/// </summary>
public sealed record Win
{
    public const int MaxTextLength = 280;

    public required string Id { get; init; }
    public required string MemberId { get; init; }
    public required string TeamId { get; init; }
    public required WinKind Kind { get; init; }

    /// <summary>What happened, in the rep's words (logged) or ours (detected).</summary>
    public required string Text { get; init; }

    public required Instant At { get; init; }

    public bool Detected => Kind is WinKind.TargetHit or WinKind.PersonalBest or WinKind.Streak;
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
}
