using NodaTime;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Organization;
using SalesBot.Core.Schedules;
using SalesBot.Core.Summaries;
using SalesBot.Testing;

namespace SalesBot.Core.Tests;

/// <summary>The week of Mon 16 – Fri 20 Nov 2026 against the four weeks before it (19 Oct – 15 Nov: 20 working days).</summary>
public class CoachingSignalTests
{
    private static readonly LocalDate Monday = new(2026, 11, 16);
    private static readonly Member Rep = MemberBuilder.ARep().WithName("Ava").Build();
    private static readonly MemberCalendar Calendar = new(Rep, TestData.Team);

    /// <summary>The four weeks before: 30 calls, 3 meetings and 1 proposal every working day (34 a day).</summary>
    private static IEnumerable<CheckIn> FourWeeksOf30Calls() =>
        Enumerable.Range(0, 4).SelectMany(w => Days(new LocalDate(2026, 10, 19).PlusDays(7 * w), 5, 30));

    private static IEnumerable<CheckIn> Days(LocalDate from, int count, int calls) =>
        Enumerable.Range(0, count).Select(i => (CheckIn)CheckInBuilder.ACheckIn().On(from.PlusDays(i)).With("calls", calls));

    private static IReadOnlyList<CoachingSignal> Signals(IReadOnlyList<CheckIn> history)
    {
        var period = RepPeriod.For(Rep, Calendar, Monday, Monday.PlusDays(4), history, []);
        return CoachingSignals.For(period, Calendar, Monday, history);
    }

    [Fact]
    public void A_rep_whose_activity_fell_by_a_third_on_their_own_average_is_in_a_drought()
    {
        // This week 19 + 3 + 1 = 23 a day against 34: down 32%.
        var history = FourWeeksOf30Calls().Concat(Days(Monday, 5, 19)).ToList();

        var drought = Assert.Single(Signals(history));

        Assert.Equal(CoachingKind.Drought, drought.Kind);
        Assert.Equal("lead activity down 32% on their 4-week average", drought.What);
        Assert.True(drought.NeedsConversation);
    }

    [Fact]
    public void A_fall_smaller_than_the_threshold_is_not_a_drought()
    {
        // 20 + 3 + 1 = 24 a day against 34: down 29%.
        Assert.Empty(Signals(FourWeeksOf30Calls().Concat(Days(Monday, 5, 20)).ToList()));
    }

    [Fact]
    public void Two_missed_check_ins_and_a_blocker_three_days_old_each_suggest_a_question()
    {
        List<CheckIn> history =
        [
            CheckInBuilder.ACheckIn().On(Monday).WithBlockers("legal review"),
            CheckInBuilder.ACheckIn().On(Monday.PlusDays(1)).WithBlockers("Legal review "),
            CheckInBuilder.ACheckIn().On(Monday.PlusDays(2)).WithBlockers("legal review"),
        ];

        var signals = Signals(history);

        Assert.Equal([CoachingKind.MissedCheckIns, CoachingKind.StaleBlocker], signals.Select(s => s.Kind));
        Assert.Equal("missed 2 of 5 check-ins", signals[0].What);
        Assert.Equal("blocker open 4 days: legal review", signals[1].What);
        Assert.All(signals, s => Assert.EndsWith("?", s.Question, StringComparison.Ordinal));
    }
}
