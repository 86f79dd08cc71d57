using NodaTime;
using SalesBot.Conversations.Flows;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Schedules;
using SalesBot.Testing;

namespace SalesBot.Conversations.Tests;

public class TimeAwayTests : IAsyncLifetime
{
    private static readonly LocalDate Monday = new(2026, 11, 23);
    private TestBot _bot = null!;

    public async Task InitializeAsync() => _bot = await (await TestBot.StartAsync()).WithMembersAsync(MemberBuilder.ARep());

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private async Task<IReadOnlyList<AwayPeriod>> AwayAsync() => (await _bot.Get<IMemberStore>().GetAsync(TestData.TeamId, "rep-1"))!.Value.TimeAway;

    [Theory]
    [InlineData("today", "2026-11-23", "2026-11-23")]
    [InlineData("tomorrow", "2026-11-24", "2026-11-24")]
    [InlineData("friday", "2026-11-27", "2026-11-27")]
    [InlineData("until Dec 2", "2026-11-23", "2026-12-01")]
    [InlineData("till 2 December", "2026-11-23", "2026-12-01")]
    [InlineData("through Dec 2", "2026-11-23", "2026-12-02")]
    [InlineData("Dec 24 to Jan 2", "2026-12-24", "2027-01-02")]
    [InlineData("from 2026-12-24 - 2026-12-31", "2026-12-24", "2026-12-31")]
    [InlineData("for 3 days", "2026-11-23", "2026-11-25")]
    public void Days_away_are_read_as_people_say_them(string text, string from, string to) =>
        Assert.Equal((Dates.ParseIso(from)!.Value, Dates.ParseIso(to)!.Value), TimeAwayFlow.Range(text, Monday));

    [Theory]
    [InlineData("soon")]
    [InlineData("until yesterday")]
    [InlineData("Feb 30")]
    [InlineData("for 0 days")]
    public void Days_that_cannot_be_told_are_not_guessed(string text) => Assert.Null(TimeAwayFlow.Range(text, Monday));

    [Theory]
    [InlineData("8", 8, 0)]
    [InlineData("8:30", 8, 30)]
    [InlineData("2pm", 14, 0)]
    [InlineData("12am", 0, 0)]
    [InlineData("at 14:45", 14, 45)]
    public void Times_are_read_as_people_write_them(string text, int hour, int minute) =>
        Assert.Equal(new LocalTime(hour, minute), DayText.ParseTime(text));

    [Theory]
    [InlineData("25:00")]
    [InlineData("13pm")]
    [InlineData("noonish")]
    public void Words_that_are_not_times_are_not_guessed(string text) => Assert.Null(DayText.ParseTime(text));

    [Fact]
    public async Task Away_alone_opens_the_form_with_date_pickers_from_today()
    {
        var form = (await _bot.SayAsync("away")).Replies[0].Form!;

        Assert.Equal(TimeAwayFlow.SubmitVerb, form.Verb);
        var from = Assert.IsType<DateInput>(form.Inputs[0]);
        Assert.Equal(("2026-11-23", "2026-11-23"), (from.Value, from.Min));
    }

    [Fact]
    public async Task The_form_saves_the_days_and_a_first_day_in_the_past_is_refused_without_a_change()
    {
        var refused = await _bot.SubmitAsync(TimeAwayFlow.SubmitVerb, new Dictionary<string, string> { ["from"] = "2026-11-20", ["to"] = "2026-11-24" });
        Assert.Equal("Time away can start today at the earliest: past days can't be changed.", refused.FieldErrors["from"]);
        Assert.Empty(await AwayAsync());

        var saved = await _bot.SubmitAsync(TimeAwayFlow.SubmitVerb, new Dictionary<string, string> { ["from"] = "2026-12-24", ["to"] = "", ["reason"] = "Holiday" });

        Assert.StartsWith("Got it: you're away Thu 24 Dec.", saved.Replies[0].Text, StringComparison.Ordinal);
        Assert.Equal(new AwayPeriod(new LocalDate(2026, 12, 24), new LocalDate(2026, 12, 24), "Holiday"), Assert.Single(await AwayAsync()));
    }

    [Fact]
    public async Task Back_cancels_time_away_from_today_on()
    {
        await _bot.SayAsync("off until Dec 2");

        var reply = await _bot.SayAsync("I'm back");

        Assert.StartsWith("Welcome back!", reply.Replies[0].Text, StringComparison.Ordinal);
        Assert.Empty(await AwayAsync());
        Assert.StartsWith("You're not marked away", (await _bot.SayAsync("back")).Replies[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Words_it_cannot_read_get_examples_and_a_button_for_the_form()
    {
        var reply = (await _bot.SayAsync("off sometime next week")).Replies[0];

        Assert.StartsWith("Sorry, I couldn't tell which days from \"sometime next week\".", reply.Text, StringComparison.Ordinal);
        Assert.Equal(TimeAwayFlow.OpenVerb, Assert.Single(reply.Actions).Verb);
        Assert.Empty(await AwayAsync());
    }
}
