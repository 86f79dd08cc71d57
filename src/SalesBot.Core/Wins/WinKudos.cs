using NodaTime;

namespace SalesBot.Core.Wins;

/// <summary>
/// The teammates who gave kudos on one win (seed 002: celebrate small successes, together). One
/// document per win, kept with the rep's history; each teammate counts once, and never the rep.
/// </summary>
public sealed record WinKudos
{
    public required string WinId { get; init; }

    /// <summary>The rep whose win it is.</summary>
    public required string MemberId { get; init; }

    public required string TeamId { get; init; }

    /// <summary>In the order they pressed the button.</summary>
    public IReadOnlyList<KudosGiver> Givers { get; init; } = [];

    public int Count => Givers.Count;

    public static WinKudos For(Win win)
    {
        ArgumentNullException.ThrowIfNull(win);
        return new WinKudos { WinId = win.Id, MemberId = win.MemberId, TeamId = win.TeamId };
    }

    public bool HasGiven(string memberId) => Givers.Any(g => g.MemberId == memberId);

    /// <summary>The kudos of <paramref name="giver"/> added, or why not; an unchanged record when refused.</summary>
    public (WinKudos Kudos, KudosOutcome Outcome) Give(KudosGiver giver)
    {
        ArgumentNullException.ThrowIfNull(giver);
        if (giver.MemberId == MemberId)
        {
            return (this, KudosOutcome.OwnWin);
        }

        if (HasGiven(giver.MemberId))
        {
            return (this, KudosOutcome.AlreadyGiven);
        }

        return (this with { Givers = [.. Givers, giver] }, KudosOutcome.Added);
    }

    /// <summary>Who gave kudos in [from, to): what one batched note to the rep tells.</summary>
    public IReadOnlyList<KudosGiver> GivenBetween(Instant from, Instant to) =>
        [.. Givers.Where(g => g.At >= from && g.At < to)];
}

/// <summary>A teammate's kudos: who (member id and the name shown on the post) and when.</summary>
public sealed record KudosGiver(string MemberId, string Name, Instant At);

public enum KudosOutcome
{
    Added,
    AlreadyGiven,
    OwnWin,
}
