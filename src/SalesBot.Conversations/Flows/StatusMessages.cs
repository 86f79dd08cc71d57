using System.Globalization;
using SalesBot.Conversations.Messages;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Organization;
using SalesBot.Core.Reflections;
using SalesBot.Core.Summaries;

namespace SalesBot.Conversations.Flows;

/// <summary>The week, month and one-rep status views, and the buttons that move between them.</summary>
public static class StatusMessages
{
    public const string FormKey = "form";
    public const string MemberKey = "member";
    private const int MaxRepButtons = 5;

    public static string Refusal(string who) =>
        $"I can't show numbers for \"{who}\". I show a rep's numbers only to them and to the managers they report to. Try {StatusRequest.Forms}.";

    public static string NotUnderstood(string argument) =>
        $"I didn't understand \"status {argument}\". Try {StatusRequest.Forms}.";

    public static OutboundMessage EmptyTeam(Team team) => new()
    {
        Text = $"{team.Name} has no reps yet. Invite your reps to open a chat with SalesBot and I'll start asking for their numbers.",
        Blocks =
        [
            new Heading($"{team.Name} · no reps yet"),
            new BulletList(
            [
                "Invite your reps: each one opens a 1:1 chat with SalesBot (or adds the app) and says hello; they join this team as reps.",
                "Each rep gets default lead metrics for their role (calls, meetings booked, proposals sent…), with daily targets.",
                "Then \"status\" shows who has checked in, and \"status week\" and \"status month\" their totals against target.",
            ]),
        ],
    };

    public static OutboundMessage Period(Team team, string period, IReadOnlyList<RepPeriod> reps, StatusView view)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(reps);
        var made = reps.Sum(r => r.Made);
        var expected = reps.Sum(r => r.Expected);
        var wins = reps.Sum(r => r.Wins.Count);
        var headline = $"{made} of {expected} expected check-ins, {Plural(wins, "win")}, {Plural(reps.Sum(r => r.DealsWon), "deal")} won.";
        var blocks = new List<MessageBlock>
        {
            new Heading($"{team.Name} · {period}"),
            new Paragraph(headline),
        };
        if (StatusCharts.Team(team.Name, period, reps) is { } chart)
        {
            blocks.Add(new ChartBlock(chart));
        }

        blocks.Add(PeriodTable(reps));
        AddQuotas(blocks, reps);
        AddBlockers(blocks, reps);
        return new OutboundMessage
        {
            Text = $"{team.Name}, {period}: {headline}",
            Blocks = blocks,
            Actions = [.. Navigation(view), .. RepButtons(reps.Select(r => r.Member))],
        };
    }

    /// <param name="chart">The rep's days as a chart (<see cref="StatusCharts.Rep"/>), shown under the headline.</param>
    public static OutboundMessage Rep(RepPeriod rep, string period, IReadOnlyList<CheckIn> days, IReadOnlyList<Reflection> reflections, bool ownView,
        Chart? chart = null)
    {
        ArgumentNullException.ThrowIfNull(rep);
        var member = rep.Member;
        var who = ownView ? "You" : member.DisplayName;
        var headline = $"{who}: {rep.Made} of {rep.Expected} check-ins" + (rep.AwayDays > 0 ? $" ({rep.AwayDays} days away)" : string.Empty) +
                       $", streak {StreakText(rep.Streak, rep.StreakAtRisk)}, {Plural(rep.Wins.Count, "win")}, {Plural(rep.DealsWon, "deal")} won.";
        var blocks = new List<MessageBlock>
        {
            new Heading($"{member.DisplayName} · {period}"),
            new Paragraph(headline),
        };
        if (chart is not null)
        {
            blocks.Add(new ChartBlock(chart));
        }

        if (rep.Totals.Count > 0)
        {
            blocks.Add(new FactList(rep.Totals.Select(t => new Fact(t.Metric.Name, TotalText(t))).ToList()));
        }

        if (days.Count > 0)
        {
            blocks.Add(new Table(
                ["Day", .. rep.Totals.Select(t => t.Metric).Select(m => $"{m.Name} ({CheckInMessages.TargetText(m)})")],
                days.OrderByDescending(c => c.ReportDate).Take(10).Select(c => (IReadOnlyList<string>)
                [
                    Dates.Display(c.ReportDate),
                    .. rep.Totals.Select(t => t.Metric).Select(m => c.ValueOf(m.Key) is { } v ? $"{v}{(c.AsOnTheDay(m).IsMet(v) ? " ✅" : string.Empty)}" : "—"),
                ]).ToList()));
        }

        if (rep.Wins.Count > 0)
        {
            blocks.Add(new Paragraph("Wins:"));
            blocks.Add(new BulletList(rep.Wins.OrderByDescending(w => w.At).Take(5).Select(w => w.Text).ToList()));
        }

        if (rep.Quota is { } quota)
        {
            blocks.Add(new Paragraph($"🎯 {QuotaProgress.Line(quota)}"));
        }
        else if (!ownView)
        {
            var first = member.DisplayName.Split(' ')[0];
            blocks.Add(new Paragraph($"No monthly quota set: say \"quota {first} 5 deals\" or \"quota {first} $40,000\" to set one.", Subtle: true));
        }

        if (rep.Blocker is { } blocker)
        {
            blocks.Add(new Paragraph($"Open blocker ({AgeText(blocker.AgeDays)}): {blocker.Text}"));
        }

        foreach (var reflection in reflections)
        {
            blocks.Add(new Paragraph($"{ReflectionFlow.MonthName(reflection.Month)}, what I'll try: {reflection.WillTry}", Subtle: true));
        }

        return new OutboundMessage
        {
            Text = $"{member.DisplayName}, {period}: {headline}",
            Blocks = blocks,
            Actions = ownView ? [] : Navigation(StatusView.Rep),
        };
    }

    /// <summary>Day, week and month buttons, the current one left out.</summary>
    public static IReadOnlyList<ActionButton> Navigation(StatusView current) =>
        new[] { (StatusView.Day, "Day"), (StatusView.Week, "Week"), (StatusView.Month, "Month") }
            .Where(x => x.Item1 != current)
            .Select(x => new ActionButton(x.Item2, StatusFlow.Verb, new Dictionary<string, string> { [FormKey] = x.Item1.ToString().ToLowerInvariant() }))
            .ToList();

    public static IEnumerable<ActionButton> RepButtons(IEnumerable<Member> reps) =>
        reps.Take(MaxRepButtons).Select(r => new ActionButton(r.DisplayName, StatusFlow.Verb,
            new Dictionary<string, string> { [FormKey] = "rep", [MemberKey] = r.Id }));

    public static string StreakText(int streak, bool atRisk) =>
        streak.ToString(CultureInfo.InvariantCulture) + (atRisk ? " (at risk)" : string.Empty);

    /// <summary>One row per rep: check-ins made of expected, totals against target, wins, deals won, streak.</summary>
    public static Table PeriodTable(IReadOnlyList<RepPeriod> reps)
    {
        ArgumentNullException.ThrowIfNull(reps);
        return new Table(["Rep", "Check-ins", "Totals vs target", "Wins", "Deals won", "Streak"], reps.Select(r => (IReadOnlyList<string>)
        [
            r.Member.DisplayName,
            $"{r.Made}/{r.Expected}" + (r.AwayDays > 0 ? $" ({r.AwayDays} away)" : string.Empty),
            r.Totals.Count == 0 ? "—" : string.Join(" · ", r.Totals.Select(TotalText)),
            Count(r.Wins.Count),
            Count(r.DealsWon),
            StreakText(r.Streak, r.StreakAtRisk),
        ]).ToList());
    }

    /// <summary>Each rep's month against quota (the lag outcome, seed 001), for the reps who have one.</summary>
    private static void AddQuotas(List<MessageBlock> blocks, IReadOnlyList<RepPeriod> reps)
    {
        var withQuota = reps.Where(r => r.Quota is not null).ToList();
        if (withQuota.Count == 0)
        {
            return;
        }

        blocks.Add(new Paragraph($"🎯 Quota, {ReflectionFlow.MonthName(withQuota[0].Quota!.Month)}", Subtle: true));
        blocks.Add(new FactList([.. withQuota.Select(r => new Fact(r.Member.DisplayName, r.Quota!.Progress()))]));
    }

    public static void AddBlockers(List<MessageBlock> blocks, IReadOnlyList<RepPeriod> reps)
    {
        var open = reps.Where(r => r.Blocker is not null)
            .OrderByDescending(r => r.Blocker!.AgeDays)
            .Select(r => $"{r.Member.DisplayName} ({AgeText(r.Blocker!.AgeDays)}): {r.Blocker!.Text}")
            .ToList();
        if (open.Count > 0)
        {
            blocks.Add(new Paragraph("Open blockers to help with:"));
            blocks.Add(new BulletList(open));
        }
    }

    private static string TotalText(MetricTotal t) => $"{t.Metric.Name} {t.Total}/{t.Target}{(t.Met ? " ✅" : string.Empty)}";

    private static string AgeText(int days) => days == 0 ? "new" : $"open {Plural(days, "day")}";

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Plural(int n, string word) => $"{Count(n)} {word}{(n == 1 ? string.Empty : "s")}";
}
