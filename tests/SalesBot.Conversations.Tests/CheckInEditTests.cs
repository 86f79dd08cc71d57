using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using SalesBot.Conversations.Flows;
using SalesBot.Conversations.Ports;
using SalesBot.Testing;

namespace SalesBot.Conversations.Tests;

/// <summary>
/// Corrections of recent check-ins. Today is Tuesday 24 Nov 2026 in New York, so the current report
/// day is Monday 23; Ava was away on Friday 20, so the two working days before Monday are Thu 19 and
/// Wed 18, and Tue 17 is three back.
/// </summary>
public class CheckInEditTests : IAsyncDisposable
{
    private static readonly Instant TuesdayMorning = Instant.FromUtc(2026, 11, 24, 14, 0);
    private static readonly LocalDate Wednesday = new(2026, 11, 18);
    private static readonly LocalDate Tuesday = new(2026, 11, 17);

    private TestBot? _bot;

    public async ValueTask DisposeAsync()
    {
        if (_bot is not null)
        {
            await _bot.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    private async Task<TestBot> StartAsync(int? window = null)
    {
        _bot = await TestBot.StartAsync(TuesdayMorning, services =>
        {
            if (window is { } days)
            {
                services.AddSingleton(new CheckInPolicy { EditWindowWorkingDays = days });
            }
        });
        await _bot.WithMembersAsync(
            MemberBuilder.ARep().WithName("Ava").AwayFrom(new LocalDate(2026, 11, 20), new LocalDate(2026, 11, 20)),
            MemberBuilder.AManager());
        await _bot.CommitAsync(changes =>
        {
            foreach (var day in new[] { Tuesday, Wednesday })
            {
                changes.PutCheckIn(CheckInBuilder.ACheckIn().On(day).With("calls", 30).With("meetings", 3).With("proposals", 1)
                    .WithPlan("Call Acme").WithBlockers("Waiting on legal").SubmittedAt(TuesdayMorning - Duration.FromDays(6)).Build(), Expect.Absent);
            }
        });
        return _bot;
    }

    private async Task<Core.CheckIns.CheckIn> StoredAsync(LocalDate day) => (await _bot!.Get<ICheckInStore>().GetAsync("rep-1", day))!.Value;

    [Theory]
    [InlineData("fix Wed calls 14")]
    [InlineData("fix wednesday calls 14")]
    [InlineData("fix Nov 18 calls 14")]
    [InlineData("fix 18 nov: calls 14")]
    [InlineData("fix 2026-11-18 calls 14")]
    public async Task A_day_two_working_days_back_across_a_weekend_and_a_day_away_is_corrected_keeping_what_was_not_named(string text)
    {
        var bot = await StartAsync();

        var result = await bot.SayAsync(text);

        var stored = await StoredAsync(Wednesday);
        Assert.Equal(14, stored.Values["calls"]);
        Assert.Equal(3, stored.Values["meetings"]);
        Assert.Equal(1, stored.Values["proposals"]);
        Assert.Equal(["Call Acme"], stored.Plan);
        Assert.Equal("Waiting on legal", stored.Blockers);
        Assert.Contains("Check-in updated for Wed 18 Nov", result.AllText(), StringComparison.Ordinal);
        Assert.Contains("What changed: Calls 30 → 14. Your plan and blockers stay as they were.", result.AllText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fix Tue calls 14")]
    [InlineData("fix Nov 17 calls 14")]
    [InlineData("fix Fri calls 14")]
    [InlineData("fix 1900-01-01 calls 14")]
    public async Task A_day_outside_the_window_is_refused_politely_and_nothing_is_stored(string text)
    {
        var bot = await StartAsync();

        var result = await bot.SayAsync(text);

        Assert.Contains("too far back to change now, so I saved nothing", result.AllText(), StringComparison.Ordinal);
        Assert.Contains("You can still correct Mon 23 Nov and the working days before it (Thu 19 Nov, Wed 18 Nov)", result.AllText(), StringComparison.Ordinal);
        Assert.Equal(30, (await StoredAsync(Tuesday)).Values["calls"]);
        var all = await bot.Get<ICheckInStore>().ListForMemberAsync("rep-1", new LocalDate(1900, 1, 1), new LocalDate(2026, 12, 31));
        Assert.Equal([Tuesday, Wednesday], all.Select(c => c.ReportDate));
    }

    [Theory]
    [InlineData("2026-11-17")]
    [InlineData("2026-11-20")]
    [InlineData("1900-01-01")]
    [InlineData("2026-11-24")]
    public async Task A_form_sent_back_with_a_forged_report_date_is_refused_and_stores_nothing(string date)
    {
        var bot = await StartAsync();
        var values = new Dictionary<string, string>
        {
            ["calls"] = "99", ["meetings"] = "9", ["proposals"] = "9", [CheckInMessages.PlanInput] = "", [CheckInMessages.BlockersInput] = "",
            [CheckInMessages.ReportDateField] = date,
        };

        var result = await bot.SubmitAsync(CheckInFlow.SubmitVerb, values);

        Assert.Contains("too far back to change now, so I saved nothing", result.AllText(), StringComparison.Ordinal);
        Assert.Equal("2026-11-23", result.Replies[^1].Form!.Data![CheckInMessages.ReportDateField]);
        var all = await bot.Get<ICheckInStore>().ListForMemberAsync("rep-1", new LocalDate(1900, 1, 1), new LocalDate(2026, 12, 31));
        Assert.Equal([Tuesday, Wednesday], all.Select(c => c.ReportDate));
        Assert.All(all, c => Assert.Equal(30, c.Values["calls"]));
    }

    [Fact]
    public async Task Fix_with_a_day_and_no_numbers_opens_that_days_card_filled_in_and_submitting_it_saves_that_day()
    {
        var bot = await StartAsync();

        var card = Assert.Single((await bot.SayAsync("fix Wed")).Replies).Form!;
        Assert.Equal("2026-11-18", card.Data![CheckInMessages.ReportDateField]);
        Assert.Equal(30, card.Inputs.OfType<Messages.NumberInput>().Single(i => i.Id == "calls").Value);

        var values = card.Inputs.ToDictionary(i => i.Id, i => i switch
        {
            Messages.NumberInput n => n.Id == "meetings" ? "4" : n.Value.ToString()!,
            Messages.TextInput t => t.Value ?? string.Empty,
            _ => string.Empty,
        });
        values[CheckInMessages.ReportDateField] = card.Data[CheckInMessages.ReportDateField];
        var saved = await bot.SubmitAsync(CheckInFlow.SubmitVerb, values);

        Assert.Contains("What changed: Meetings booked 3 → 4. Your plan and blockers stay as they were.", saved.AllText(), StringComparison.Ordinal);
        Assert.Equal(4, (await StoredAsync(Wednesday)).Values["meetings"]);
    }

    [Fact]
    public async Task The_window_is_a_setting_a_window_of_one_day_refuses_wednesday()
    {
        var bot = await StartAsync(window: 1);

        var result = await bot.SayAsync("fix Wed calls 14");

        Assert.Contains("You can still correct Mon 23 Nov and the working days before it (Thu 19 Nov)", result.AllText(), StringComparison.Ordinal);
        Assert.Equal(30, (await StoredAsync(Wednesday)).Values["calls"]);
    }

    [Fact]
    public async Task A_one_line_correction_of_the_current_day_keeps_the_numbers_it_does_not_name_and_the_manager_sees_the_latest()
    {
        var bot = await StartAsync();
        await bot.SayAsync("calls 32, meetings 2, proposals 1 blockers: waiting on legal");

        var corrected = await bot.SayAsync("calls 14");
        var status = await bot.SayAsync("status", "manager-1");

        Assert.Contains("What changed: Calls 32 → 14. Your plan and blockers stay as they were.", corrected.AllText(), StringComparison.Ordinal);
        Assert.Equal(2, (await StoredAsync(new LocalDate(2026, 11, 23))).Values["meetings"]);
        Assert.Contains("Calls 14 / 30", status.AllText(), StringComparison.Ordinal);
        Assert.Contains("Meetings booked 2 / 3", status.AllText(), StringComparison.Ordinal);
        Assert.Contains("Ava: waiting on legal", status.AllText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fix")]
    [InlineData("fix someday calls 14")]
    public async Task Fix_without_a_day_it_understands_explains_how_and_stores_nothing(string text)
    {
        var bot = await StartAsync();

        var result = await bot.SayAsync(text);

        Assert.Contains("fix Fri calls 14", result.AllText(), StringComparison.Ordinal);
        Assert.Equal(30, (await StoredAsync(Wednesday)).Values["calls"]);
    }
}
