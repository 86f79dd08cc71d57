using System.Globalization;
using SalesBot.Conversations.Messages;
using SalesBot.Core.Organization;
using SalesBot.Core.Schedules;

namespace SalesBot.Conversations.Flows;

/// <summary>
/// Schedules people own: "schedule" shows mine and my team's; "schedule checkin 8:30", "schedule
/// reminder off", "schedule days mon-thu", "schedule hours 8-18", "schedule reset" change mine; a
/// manager's "team schedule …" changes the team's, including the digest, reflection and roll-up times.
/// </summary>
public sealed class ScheduleFlow(MemberChanges changes) : IFlow
{
    private const string Usage =
        "Try: \"schedule checkin 8:30\", \"schedule reminder 14:00\" (or \"off\"), \"schedule days mon-thu\", \"schedule hours 8:00-18:00\" or \"schedule reset\".";

    private const string TeamUsage =
        "Managers can also set the team's: \"team schedule checkin 9:00\", \"team schedule reminder 13:00\", \"team schedule days mon-fri\", " +
        "\"team schedule hours 8-19\", \"team schedule digest fri 16:00\", \"team schedule reflection 15:00\", \"team schedule rollup 10:00\".";

    public IReadOnlyList<string> Commands { get; } = ["schedule", "my schedule", "team schedule"];

    public IReadOnlyList<string> Verbs { get; } = ["schedule.show"];

    public Task<TurnResult> OnSubmitAsync(Turn turn, FormSubmission submission, CancellationToken cancellationToken) =>
        Task.FromResult(TurnResult.Reply(Show(turn.Member, turn.Team)));

    public async Task<TurnResult> OnCommandAsync(Turn turn, string argument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var forTeam = CommandText.TryMatch(turn.Inbound.Text ?? string.Empty, "team schedule", out _);
        var words = argument.ToLowerInvariant().Replace("check-in", "checkin", StringComparison.Ordinal).Replace("check in", "checkin", StringComparison.Ordinal)
            .Replace("roll-up", "rollup", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return TurnResult.Reply(Show(turn.Member, turn.Team));
        }

        if (forTeam && !turn.Member.Role.CanSeeTeamStatus())
        {
            return TurnResult.Reply("Only a manager can change the team's schedule. You can change your own: " + Usage);
        }

        var setting = words[0];
        var value = string.Join(' ', words.Skip(1));
        if (forTeam)
        {
            var problem = Apply(turn.Team.Schedule, setting, value, out var schedule);
            if (problem is not null)
            {
                return TurnResult.Reply(problem);
            }

            var team = await changes.UpdateTeamAsync(turn, t => t with { Schedule = schedule! }, cancellationToken);
            return TurnResult.Reply(Show(turn.Member, team, $"Team schedule updated for {team.Name}."));
        }

        if (setting == "reset")
        {
            var reset = await changes.UpdateMemberAsync(turn, m => m with { Schedule = null }, cancellationToken);
            return TurnResult.Reply(Show(reset, turn.Team, "Your schedule now follows the team's."));
        }

        var personal = turn.Member.Schedule ?? new ScheduleOverride();
        var error = ApplyPersonal(personal, setting, value, out var changed);
        if (error is null && turn.Team.Schedule.With(changed).Problem() is { } invalid)
        {
            error = invalid + " Nothing was changed.";
        }

        if (error is not null)
        {
            return TurnResult.Reply(error);
        }

        var member = await changes.UpdateMemberAsync(turn, m => m with { Schedule = changed!.IsEmpty ? null : changed }, cancellationToken);
        return TurnResult.Reply(Show(member, turn.Team, "Your schedule is updated."));
    }

    private static string? ApplyPersonal(ScheduleOverride personal, string setting, string value, out ScheduleOverride? changed)
    {
        changed = null;
        switch (setting)
        {
            case "checkin" when DayText.ParseTime(value) is { } at:
                changed = personal with { CheckInAt = at };
                return null;
            case "reminder" when value is "off" or "none" or "no":
                changed = personal with { RemindersOff = true, ReminderAt = null };
                return null;
            case "reminder" when DayText.ParseTime(value) is { } at:
                changed = personal with { RemindersOff = null, ReminderAt = at };
                return null;
            case "days" when WeekDays.Parse(value) is { } days:
                changed = personal with { WorkingDays = days };
                return null;
            case "hours" when Hours(value) is { } hours:
                changed = personal with { WorkdayStart = hours.Start, WorkdayEnd = hours.End };
                return null;
            default:
                return $"Sorry, I didn't understand \"{setting} {value}\". " + Usage;
        }
    }

    private static string? Apply(Schedule team, string setting, string value, out Schedule? changed)
    {
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        changed = setting switch
        {
            "checkin" when DayText.ParseTime(value) is { } at => team with { CheckInAt = at },
            "reminder" when value is "off" or "none" or "no" => team with { ReminderAt = null },
            "reminder" when DayText.ParseTime(value) is { } at => team with { ReminderAt = at },
            "days" when WeekDays.Parse(value) is { } days => team with { WorkingDays = days },
            "hours" when Hours(value) is { } hours => team with { WorkdayStart = hours.Start, WorkdayEnd = hours.End },
            "reflection" when DayText.ParseTime(value) is { } at => team with { ReflectionAt = at },
            "rollup" when DayText.ParseTime(value) is { } at => team with { RollupAt = at },
            "digest" when parts.Length == 2 && DayText.WeekDay(parts[0]) is { } day && DayText.ParseTime(parts[1]) is { } at => team with { DigestDay = day, DigestAt = at },
            _ => null,
        };
        if (changed is null)
        {
            return $"Sorry, I didn't understand \"{setting} {value}\". " + TeamUsage;
        }

        return changed.Problem() is { } problem ? problem + " Nothing was changed." : null;
    }

    private static (NodaTime.LocalTime Start, NodaTime.LocalTime End)? Hours(string value)
    {
        var parts = value.Replace("to", "-", StringComparison.Ordinal).Split(['-', '–'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length == 2 && DayText.ParseTime(parts[0]) is { } start && DayText.ParseTime(parts[1]) is { } end ? (start, end) : null;
    }

    public static OutboundMessage Show(Member member, Team team, string? headline = null)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(team);
        var mine = team.Schedule.With(member.Schedule);
        var facts = new List<Fact>
        {
            new("Working days", WeekDays.Display(mine.WorkingDays)),
            new("Working hours", $"{DayText.Display(mine.WorkdayStart)}–{DayText.Display(mine.WorkdayEnd)} (no messages outside them)"),
        };
        if (member.Role.IsRep())
        {
            facts.Add(new Fact("Check-in prompt", DayText.Display(mine.CheckInAt)));
            facts.Add(new Fact("Reminder", mine.ReminderAt is { } r ? $"{DayText.Display(r)} if you haven't checked in" : "off"));
            facts.Add(new Fact("Monthly reflection", $"{DayText.Display(mine.ReflectionAt)} on the first working day of the month"));
        }

        if (member.Role == MemberRole.Manager)
        {
            facts.Add(new Fact("Weekly digest", $"{mine.DigestDay.ToString()[..3]} {DayText.Display(mine.DigestAt)}"));
        }

        if (member.Role == MemberRole.Leader)
        {
            facts.Add(new Fact("Monthly roll-up", $"{DayText.Display(mine.RollupAt)} on the first working day of the month"));
        }

        facts.Add(new Fact("Time zone", member.TimeZoneId));
        facts.Add(new Fact("Team holidays", team.Holidays.Count == 0 ? "none set" : $"{team.Holidays.Count.ToString(CultureInfo.InvariantCulture)} (say \"holidays\" to see them)"));
        var text = (headline is null ? string.Empty : headline + " ") + $"Your schedule: {WeekDays.Display(mine.WorkingDays)}, {DayText.Display(mine.WorkdayStart)}–{DayText.Display(mine.WorkdayEnd)}.";
        return new OutboundMessage
        {
            Text = text,
            Blocks =
            [
                new Heading(headline ?? "Your schedule"),
                new FactList(facts),
                new Paragraph(member.Role.CanSeeTeamStatus() ? Usage + " " + TeamUsage : Usage, Subtle: true),
            ],
        };
    }
}
