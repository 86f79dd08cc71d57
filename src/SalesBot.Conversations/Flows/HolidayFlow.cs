using NodaTime;
using SalesBot.Conversations.Messages;
using SalesBot.Core.Organization;
using SalesBot.Core.Schedules;

namespace SalesBot.Conversations.Flows;

/// <summary>
/// The team's holiday calendar: everyone sees it with "holidays"; a manager adds and removes days
/// ("holiday add Dec 24 Christmas Eve", "holiday add yearly Dec 25 Christmas", "holiday remove Dec 24").
/// Nobody is prompted, reminded or counted missing on a holiday.
/// </summary>
public sealed class HolidayFlow(MemberChanges changes, IClock clock) : IFlow
{
    private const string Usage =
        "Managers: \"holiday add Dec 24 Christmas Eve\", \"holiday add yearly Dec 25 Christmas\", \"holiday remove Dec 24\".";

    public IReadOnlyList<string> Commands { get; } = ["holidays", "holiday"];

    public IReadOnlyList<string> Verbs { get; } = ["holidays.show"];

    public Task<TurnResult> OnSubmitAsync(Turn turn, FormSubmission submission, CancellationToken cancellationToken) =>
        OnCommandAsync(turn, string.Empty, cancellationToken);

    public async Task<TurnResult> OnCommandAsync(Turn turn, string argument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var today = turn.Calendar.Today(clock.GetCurrentInstant());
        var words = argument.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || words[0].Equals("list", StringComparison.OrdinalIgnoreCase))
        {
            return TurnResult.Reply(List(turn, today));
        }

        var action = words[0].ToLowerInvariant();
        if (action is not ("add" or "remove" or "delete"))
        {
            return TurnResult.Reply($"Sorry, I didn't understand \"{argument.Trim()}\". Say \"holidays\" to see the team's. {Usage}");
        }

        if (!turn.Member.Role.CanSeeTeamStatus())
        {
            return TurnResult.Reply("Only a manager can change the team's holidays. For your own days off, say e.g. \"off Dec 24 to Jan 2\".");
        }

        var rest = words.Length > 1 ? words[1].Trim() : string.Empty;
        if (action != "add")
        {
            if (DayText.ParseDay(rest, today) is not { } removed)
            {
                return TurnResult.Reply($"Which day? e.g. \"holiday remove Dec 24\". {Usage}");
            }

            var after = await changes.UpdateTeamAsync(turn, t => t with { Holidays = t.Holidays.Remove(removed) }, cancellationToken);
            return TurnResult.Reply($"Removed {Dates.Display(removed)} from {after.Name}'s holidays.");
        }

        var yearly = false;
        foreach (var word in new[] { "yearly ", "every year ", "every " })
        {
            if (rest.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            {
                yearly = true;
                rest = rest[word.Length..];
                break;
            }
        }

        if (Split(rest, today) is not { } parsed)
        {
            return TurnResult.Reply($"Sorry, I couldn't find a date in \"{rest}\". {Usage}");
        }

        if (turn.Team.Holidays.Count >= HolidayCalendar.MaxEntries)
        {
            return TurnResult.Reply($"The team already has {HolidayCalendar.MaxEntries} holidays. Remove some old ones first.");
        }

        var (date, name) = parsed;
        if (!yearly && date < today)
        {
            return TurnResult.Reply("That day has passed: holidays can be added for today or later. Nothing was changed.");
        }

        var team = await changes.UpdateTeamAsync(turn, t => t with
        {
            Holidays = yearly ? t.Holidays.Add(new YearlyHoliday(date.Month, date.Day, name)) : t.Holidays.Add(new Holiday(date, name)),
        }, cancellationToken);
        var when = yearly ? $"every {date.ToString("d MMM", System.Globalization.CultureInfo.InvariantCulture)}" : Dates.Display(date);
        return TurnResult.Reply($"Added {name} ({when}) to {team.Name}'s holidays. Nobody will be prompted or counted as missing that day.");
    }

    private static (LocalDate Date, string Name)? Split(string text, LocalDate today)
    {
        // The date is the first one, two or three words; the rest is its name.
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var n = Math.Min(3, words.Length); n >= 1; n--)
        {
            if (DayText.ParseDay(string.Join(' ', words.Take(n)), today) is { } date)
            {
                var name = string.Join(' ', words.Skip(n)).Trim();
                return (date, name.Length == 0 ? "Holiday" : name[..Math.Min(name.Length, 60)]);
            }
        }

        return null;
    }

    private static OutboundMessage List(Turn turn, LocalDate today)
    {
        var upcoming = turn.Team.Holidays.Upcoming(today, 10);
        var items = upcoming.Select(h => $"{Dates.Display(h.Date)}: {h.Name}").ToList();
        var text = items.Count == 0 ? $"{turn.Team.Name} has no holidays set." : $"{turn.Team.Name}'s next holidays: {string.Join("; ", items)}.";
        return new OutboundMessage
        {
            Text = text,
            Blocks =
            [
                new Heading($"{turn.Team.Name} · holidays"),
                items.Count == 0 ? new Paragraph("No holidays set.") : new BulletList(items),
                new Paragraph(turn.Member.Role.CanSeeTeamStatus() ? Usage : "Your manager sets the team's holidays. For your own days off, say e.g. \"off Dec 24 to Jan 2\".", Subtle: true),
            ],
        };
    }
}
