using NodaTime;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Metrics;
using SalesBot.Core.Wins;
using SalesBot.Testing;

namespace SalesBot.Core.Tests;

public class MemberAndCalendarTests
{
    [Fact]
    public void A_rep_has_at_most_three_active_lead_metrics()
    {
        var rep = MemberBuilder.ARep().Build();

        var ex = Assert.Throws<DomainRuleException>(() => rep.WithMetrics([MetricCatalog.Calls, MetricCatalog.Meetings, MetricCatalog.Proposals, MetricCatalog.Referrals]));

        Assert.Contains("at most 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_metric_cannot_be_active_twice() =>
        Assert.Throws<DomainRuleException>(() => MemberBuilder.ARep().Build().WithMetrics([MetricCatalog.Calls, MetricCatalog.Calls]));

    [Fact]
    public void Tenure_counts_whole_months_from_the_start_date()
    {
        var rep = MemberBuilder.ARep().StartedOn(new LocalDate(2026, 5, 15)).Build();

        Assert.Equal(6, rep.TenureMonths(new LocalDate(2026, 11, 20)));
        Assert.Equal(0, rep.TenureMonths(new LocalDate(2026, 5, 1)));
    }

    // A check-in reports on the previous working day in the rep's own zone, wherever the server is.
    [Theory]
    [InlineData("America/New_York", 2026, 11, 23, 14, 0, 2026, 11, 20)] // Monday 09:00 -> Friday
    [InlineData("Australia/Sydney", 2026, 11, 22, 22, 0, 2026, 11, 20)] // already Monday 09:00 in Sydney
    [InlineData("America/Los_Angeles", 2026, 11, 24, 7, 0, 2026, 11, 20)] // still Monday 23:00 in LA
    [InlineData("Europe/London", 2026, 3, 29, 1, 30, 2026, 3, 27)] // Sunday of the spring-forward gap -> Friday
    [InlineData("America/Santiago", 2026, 9, 8, 4, 0, 2026, 9, 7)] // Tuesday just after Chile's midnight DST change
    public void The_report_day_is_the_previous_workday_in_the_reps_zone(string zone, int y, int mo, int d, int h, int mi, int ry, int rm, int rd)
    {
        var now = Instant.FromUtc(y, mo, d, h, mi);

        Assert.Equal(new LocalDate(ry, rm, rd), WorkWeek.ReportDateFor(now, DateTimeZoneProviders.Tzdb[zone]));
    }

    [Theory]
    [InlineData("Closed Acme, 40k!", WinKind.DealClosed)]
    [InlineData("booked a demo with Globex", WinKind.MeetingWon)]
    [InlineData("Moved Initech to proposal", WinKind.StageAdvanced)]
    [InlineData("Got a great referral", WinKind.Other)]
    public void Logged_wins_are_classified_by_their_words(string text, WinKind kind) =>
        Assert.Equal(kind, WinWords.Read(text, SalesBot.Core.Pipeline.PipelineStages.Default).Draft!.Kind);

    [Fact]
    public void A_win_needs_words_and_a_headline_length()
    {
        Assert.NotNull(WinText.Problem(" "));
        Assert.NotNull(WinText.Problem(new string('x', Win.MaxTextLength + 1)));
        Assert.Null(WinText.Problem("Moved Acme to proposal"));
    }
}
