using System.Globalization;
using NodaTime;
using NodaTime.Text;
using SalesBot.Conversations.Messages;
using SalesBot.Core.Organization;
using SalesBot.Core.Summaries;

namespace SalesBot.Conversations.Flows;

/// <summary>
/// The team's daily coaching alerts to its managers, switched per team: "alerts" shows them;
/// "alerts missed off", "alerts missed 3 days", "alerts drought 30%", "alerts blockers 5 days",
/// "alerts at 15:00", "alerts off" and "alerts on" change them (managers and leaders only).
/// </summary>
public sealed class AlertsFlow(MemberChanges changes) : IFlow
{
    public const string Usage =
        "Say \"alerts missed 2 days\", \"alerts drought 30%\", \"alerts blockers 3 days\" (or \"off\" / \"on\" after any of them), \"alerts at 14:00\", \"alerts off\" or \"alerts on\".";

    private static readonly LocalTimePattern Clock = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    public IReadOnlyList<string> Commands { get; } = ["alerts", "alert"];

    public IReadOnlyList<string> Verbs { get; } = [];

    public Task<TurnResult> OnSubmitAsync(Turn turn, FormSubmission submission, CancellationToken cancellationToken) =>
        OnCommandAsync(turn, string.Empty, cancellationToken);

    public async Task<TurnResult> OnCommandAsync(Turn turn, string argument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (!turn.Member.Role.CanSeeTeamStatus())
        {
            return TurnResult.Reply("Coaching alerts go to managers. Say \"status\" for your own numbers, or \"help\" for what I can do.");
        }

        var words = argument.Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return TurnResult.Reply(Show(turn.Team));
        }

        var current = turn.Team.Alerts;
        var updated = words[0] switch
        {
            "on" when words.Length == 1 => current with { MissedOn = true, DroughtOn = true, BlockersOn = true },
            "off" when words.Length == 1 => current with { MissedOn = false, DroughtOn = false, BlockersOn = false },
            "at" => DayText.ParseTime(string.Join(' ', words[1..])) is { } at ? current with { At = at } : null,
            "missed" or "miss" or "checkins" or "check-ins" => Rule(words, "days", (on, n) => current with { MissedOn = on, MissedDays = n ?? current.MissedDays }),
            "drought" or "droughts" or "activity" => Rule(words, "%", (on, n) => n > 100 ? null : current with { DroughtOn = on, DroughtPercent = n ?? current.DroughtPercent }),
            "blocker" or "blockers" => Rule(words, "days", (on, n) => current with { BlockersOn = on, BlockerDays = n ?? current.BlockerDays }),
            _ => null,
        };
        if (updated is null)
        {
            return TurnResult.Reply($"Sorry, I didn't understand \"alerts {argument.Trim()}\". {Usage}");
        }

        var team = await changes.UpdateTeamAsync(turn, t => t with { Alerts = updated }, cancellationToken);
        return TurnResult.Reply(Show(team) with { Text = $"Done. {Summary(team)}" });
    }

    /// <summary>"off", "on" (with the team's number as it was), or a number with an optional unit (which also turns the rule on).</summary>
    private static AlertSettings? Rule(string[] words, string unit, Func<bool, int?, AlertSettings?> set)
    {
        var rest = string.Concat(words[1..]).Replace(unit == "%" ? "percent" : "days", string.Empty, StringComparison.Ordinal)
            .Replace("day", string.Empty, StringComparison.Ordinal).TrimEnd('%');
        return rest switch
        {
            "off" => set(false, null),
            "on" or "" => set(true, null),
            _ when int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= AlertSettings.MaxDays * 2 => set(
                true, unit == "%" ? n : Math.Min(n, AlertSettings.MaxDays)),
            _ => null,
        };
    }

    public static OutboundMessage Show(Team team)
    {
        ArgumentNullException.ThrowIfNull(team);
        var a = team.Alerts;
        return new OutboundMessage
        {
            Text = Summary(team),
            Blocks =
            [
                new Heading($"Coaching alerts · {team.Name}"),
                new FactList(
                [
                    new Fact("Missed check-ins", a.MissedOn ? $"{a.MissedDays} working days in a row (time away and holidays not counted)" : "off"),
                    new Fact("Drought", a.DroughtOn ? $"last week {a.DroughtPercent}% or more below the rep's own 4-week average" : "off"),
                    new Fact("Blockers", a.BlockersOn ? $"open {a.BlockerDays} days or more" : "off"),
                    new Fact("When", a.AnyOn ? $"{Clock.Format(a.At)} on working days, at most one message a day, only when there is something to say" : "never: every alert is off"),
                ]),
                new Paragraph($"Each alert comes with one question to ask the rep, and covers only the reps who report to you. {Usage}", Subtle: true),
            ],
        };
    }

    private static string Summary(Team team)
    {
        var a = team.Alerts;
        if (!a.AnyOn)
        {
            return $"Coaching alerts for {team.Name} are off. Say \"alerts on\" to get them.";
        }

        var on = new List<string>();
        if (a.MissedOn)
        {
            on.Add($"{a.MissedDays} missed check-ins in a row");
        }

        if (a.DroughtOn)
        {
            on.Add($"a drought of {a.DroughtPercent}% against the 4-week average");
        }

        if (a.BlockersOn)
        {
            on.Add($"a blocker open {a.BlockerDays} days");
        }

        return $"Coaching alerts for {team.Name} at {Clock.Format(a.At)}: {string.Join(", ", on)}.";
    }
}
