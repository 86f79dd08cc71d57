using NodaTime;
using SalesBot.Core.Wins;

namespace SalesBot.Core.Tests;

public sealed class WinKudosTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 11, 23, 15, 0);

    private static readonly WinKudos None = new() { WinId = "w1", MemberId = "ava", TeamId = "team-1" };

    [Fact]
    public void A_teammate_counts_once()
    {
        var (once, first) = None.Give(new KudosGiver("ben", "Ben", At));
        var (twice, second) = once.Give(new KudosGiver("ben", "Ben", At + Duration.FromMinutes(1)));

        Assert.Equal(KudosOutcome.Added, first);
        Assert.Equal(KudosOutcome.AlreadyGiven, second);
        Assert.Same(once, twice);
        Assert.Equal(1, twice.Count);
    }

    [Fact]
    public void The_rep_cannot_give_kudos_to_their_own_win()
    {
        var (after, outcome) = None.Give(new KudosGiver("ava", "Ava", At));

        Assert.Equal(KudosOutcome.OwnWin, outcome);
        Assert.Equal(0, after.Count);
    }

    [Fact]
    public void Givers_in_a_window_are_those_who_pressed_within_it()
    {
        var kudos = None.Give(new KudosGiver("ben", "Ben", At)).Kudos
            .Give(new KudosGiver("chloe", "Chloe", At + Duration.FromMinutes(59))).Kudos
            .Give(new KudosGiver("diego", "Diego", At + Duration.FromHours(1))).Kudos;

        Assert.Equal(["Ben", "Chloe"], kudos.GivenBetween(At, At + Duration.FromHours(1)).Select(g => g.Name));
    }
}
