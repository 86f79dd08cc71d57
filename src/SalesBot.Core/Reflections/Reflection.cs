using NodaTime;

namespace SalesBot.Core.Reflections;

/// <summary>
/// The monthly "what worked, what didn't, what I'll try" (seed 000). Last month's
/// <see cref="WillTry"/> is brought back the next month.
/// </summary>
public sealed record Reflection
{
    public const int MaxTextLength = 1000;

    public required string MemberId { get; init; }
    public required YearMonth Month { get; init; }
    public required string Worked { get; init; }
    public required string DidNotWork { get; init; }
    public required string WillTry { get; init; }
    public required Instant SubmittedAt { get; init; }
}
