using NodaTime;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Metrics;
using SalesBot.Testing;

namespace SalesBot.Core.Tests;

public class StreakAndBestTests
{
    private static readonly LocalDate Monday = new(2026, 11, 23);

    [Fact]
    public void A_weekend_does_not_break_a_streak()
    {
        LocalDate[] days = [new(2026, 11, 18), new(2026, 11, 19), new(2026, 11, 20), Monday];

        Assert.Equal(4, Streak.CheckInStreak(days, Monday));
    }

    [Fact]
    public void A_missed_workday_ends_the_streak()
    {
        LocalDate[] days = [new(2026, 11, 17), new(2026, 11, 19), new(2026, 11, 20), Monday];

        Assert.Equal(3, Streak.CheckInStreak(days, Monday));
    }

    [Fact]
    public void No_check_in_on_the_day_means_no_streak()
    {
        Assert.Equal(0, Streak.CheckInStreak([new LocalDate(2026, 11, 20)], Monday));
    }

    [Theory]
    [InlineData(5, true)]
    [InlineData(6, false)]
    [InlineData(20, true)]
    [InlineData(60, true)]
    [InlineData(61, false)]
    public void Milestones_are_worth_a_post(int streak, bool milestone) => Assert.Equal(milestone, Streak.IsMilestone(streak));

    [Fact]
    public void A_personal_best_beats_every_earlier_day()
    {
        var earlier = new[] { CheckInBuilder.ACheckIn().With("meetings", 4).Build(), CheckInBuilder.ACheckIn().With("meetings", 6).Build() };

        Assert.True(PersonalBest.IsNewBest(MetricCatalog.Meetings, 7, earlier));
        Assert.False(PersonalBest.IsNewBest(MetricCatalog.Meetings, 6, earlier));
    }

    [Fact]
    public void The_first_day_ever_is_not_a_personal_best() =>
        Assert.False(PersonalBest.IsNewBest(MetricCatalog.Meetings, 9, []));

    [Fact]
    public void Lower_is_better_bests_go_down()
    {
        var followUp = new LeadMetric("followup", "Days to follow up", "days", 2, HigherIsBetter: false);
        var earlier = new[] { CheckInBuilder.ACheckIn().With("followup", 3).Build() };

        Assert.True(PersonalBest.IsNewBest(followUp, 1, earlier));
    }

    [Fact]
    public void Outcome_compares_with_targets_history_and_streak()
    {
        var friday = new LocalDate(2026, 11, 20);
        var history = new[]
        {
            CheckInBuilder.ACheckIn().On(friday.PlusDays(-1)).With("meetings", 3).Build(),
            CheckInBuilder.ACheckIn().On(friday.PlusDays(-2)).With("meetings", 2).Build(),
        };
        var today = CheckInBuilder.ACheckIn().On(friday).With("calls", 35).With("meetings", 5).With("proposals", 1).Build();

        var outcome = CheckInOutcome.Evaluate(today, MetricCatalog.DefaultsFor(Organization.MemberRole.Hunter), history);

        Assert.True(outcome.AllTargetsMet);
        Assert.Equal(3, outcome.Streak);
        Assert.Contains(outcome.PersonalBests, b => b.Metric.Key == "meetings" && b.Value == 5);
    }
}
