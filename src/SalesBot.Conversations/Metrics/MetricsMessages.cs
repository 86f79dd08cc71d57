using NodaTime;
using SalesBot.Conversations.Flows;
using SalesBot.Conversations.Messages;
using SalesBot.Core.Metrics;
using SalesBot.Core.Organization;

namespace SalesBot.Conversations.Metrics;

/// <summary>What managers and reps see about lead metrics: the team's plan, one rep's metrics, the form, and the replies.</summary>
public static class MetricsMessages
{
    public const string MemberKey = "member";
    public const string MetricKey = "metric";
    public const string TargetKey = "target";
    public const string ReplacesKey = "replaces";

    /// <summary>At most this many metrics in the form: enough for any plan, small enough for a card and a modal.</summary>
    public const int MaxFormMetrics = 8;

    public const string Grammar =
        "metrics Ava calls 40, meetings 3 · metrics Ava add referrals 2 · metrics Ava remove calls · target Ava calls 35";

    public static string Refusal(string who) =>
        $"I can't change metrics for \"{who}\". I change a rep's metrics only for the managers they report to. Say \"metrics\" to see your reps.";

    public static OutboundMessage Plan(Team team, MetricPlan plan, IReadOnlyList<Member> reps, LocalDate today)
    {
        var rows = plan.Rows.Select(r => (IReadOnlyList<string>)
        [
            $"{r.Role} · {r.Tenure.Label()}",
            string.Join(", ", r.Metrics.Select(m => $"{m.Name} {m.DailyTarget}")),
            r.Next is { } next ? $"{next.Name} {next.DailyTarget}" : "—",
        ]).ToList();
        var blocks = new List<MessageBlock>
        {
            new Heading($"{team.Name} · lead metrics"),
            new Paragraph($"New reps (under {TenureRule.NewForMonths} months) and tenured reps start on their row's metrics; add the next one once they are proficient."),
            new Table(["Role · tenure", "Starts on (daily target)", "Next when proficient"], rows),
        };
        if (reps.Count > 0)
        {
            blocks.Add(new Paragraph("Your reps:"));
            blocks.Add(new BulletList(reps.Select(r => $"{r.DisplayName} ({r.Role}, {TenureRule.Of(r, today).Label()}): {Targets(r.Metrics)}").ToList()));
        }

        blocks.Add(new Paragraph("Change a rep: " + Grammar + ". Changes apply from their next report day. Change the plan: " + PlanCommand.Example + ".", Subtle: true));
        return new OutboundMessage
        {
            Text = $"{team.Name}'s lead metrics by role and tenure.",
            Blocks = blocks,
            Actions = [.. reps.Take(5).Select(r => new ActionButton($"Set up {r.DisplayName}", MetricsFlow.OpenVerb, new Dictionary<string, string> { [MemberKey] = r.Id }))],
        };
    }

    public static OutboundMessage Own(Member member) => OutboundMessage.Plain(member.Metrics.Count == 0
        ? "You have no lead metrics yet; ask your manager to set them up."
        : $"Your lead metrics: {Targets(member.Metrics)}. Your manager sets them.");

    public static string Targets(IReadOnlyList<LeadMetric> metrics) =>
        metrics.Count == 0 ? "none yet" : string.Join(", ", metrics.Select(m => $"{m.Name} {m.DailyTarget} a day"));

    /// <summary>A rep's metrics as inputs: a daily target for each the rep carries, empty for the others.</summary>
    public static OutboundMessage Form(Member rep, MetricPlan plan, LocalDate from, IReadOnlyDictionary<string, string>? typed = null,
        IReadOnlyDictionary<string, string>? errors = null)
    {
        ArgumentNullException.ThrowIfNull(rep);
        ArgumentNullException.ThrowIfNull(plan);
        string? ErrorFor(string id) => errors is not null && errors.TryGetValue(id, out var e) ? e : null;
        var inputs = FormMetrics(rep, plan).Select(m =>
        {
            var carried = rep.Metrics.FirstOrDefault(x => x.Key == m.Key);
            var value = typed is not null && typed.TryGetValue(m.Key, out var t) && int.TryParse(t, out var n) ? n : carried?.DailyTarget;
            return (FormInput)new NumberInput(m.Key, $"{m.Name} ({m.Unit} a day)", 0, TargetRule.Max, value, "not active", Required: false) { Error = ErrorFor(m.Key) };
        }).ToList();
        var blocks = new List<MessageBlock>
        {
            new Heading($"Lead metrics · {rep.DisplayName}"),
            new Paragraph($"Give a daily target to at most {Member.MaxActiveMetrics} metrics and leave the others empty. Changes apply from {Dates.Display(from)}; earlier days keep their targets."),
        };
        if (ErrorFor("") is { } general)
        {
            blocks.Add(new Paragraph("⚠️ " + general));
        }

        return new OutboundMessage
        {
            Text = $"{rep.DisplayName}'s lead metrics: {Targets(rep.Metrics)}.",
            Blocks = blocks,
            Form = new Messages.Form(MetricsFlow.SubmitVerb, $"Metrics · {rep.DisplayName}", inputs, "Save metrics",
                new Dictionary<string, string> { [MemberKey] = rep.Id }),
        };
    }

    /// <summary>The rep's metrics first, then the team's others, at most <see cref="MaxFormMetrics"/>.</summary>
    public static IReadOnlyList<LeadMetric> FormMetrics(Member rep, MetricPlan plan) =>
        rep.Metrics.Concat(plan.Known).DistinctBy(m => m.Key).Take(MaxFormMetrics).ToList();

    public static OutboundMessage Saved(Member rep, LocalDate from) => new()
    {
        Text = $"Saved. {rep.DisplayName}'s lead metrics from {Dates.Display(from)}: {Targets(rep.Metrics)}.",
        Blocks =
        [
            new Heading($"Lead metrics · {rep.DisplayName}"),
            new FactList([.. rep.Metrics.Select(m => new Fact(m.Name, $"{m.DailyTarget} {m.Unit} a day"))]),
            new Paragraph($"From {Dates.Display(from)}. Check-ins before then keep the targets they were made against.", Subtle: true),
        ],
    };

    public static OutboundMessage Unchanged(Member rep) => OutboundMessage.Plain($"Nothing to change: {rep.DisplayName} already has {Targets(rep.Metrics)}.");

    /// <summary>Tells the manager, with the two one-click choices.</summary>
    public static OutboundMessage Nudge(Member rep, ProficiencyResult result, LeadMetric? next, LeadMetric? replaces)
    {
        ArgumentNullException.ThrowIfNull(rep);
        ArgumentNullException.ThrowIfNull(result);
        var metric = result.Metric;
        var actions = new List<ActionButton>();
        if (next is not null)
        {
            var data = new Dictionary<string, string> { [MemberKey] = rep.Id, [MetricKey] = next.Key, [TargetKey] = next.DailyTarget.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            if (replaces is not null)
            {
                data[ReplacesKey] = replaces.Key;
            }

            actions.Add(new ActionButton($"Add {next.Name} for {rep.DisplayName}" + (replaces is null ? string.Empty : $" (in place of {replaces.Name})"),
                MetricsFlow.AddVerb, data, Primary: true));
        }

        if (metric.HigherIsBetter && result.RaisedTarget > metric.DailyTarget)
        {
            actions.Add(new ActionButton($"Raise the {metric.Name} target to {result.RaisedTarget}", MetricsFlow.RaiseVerb, new Dictionary<string, string>
            {
                [MemberKey] = rep.Id,
                [MetricKey] = metric.Key,
                [TargetKey] = result.RaisedTarget.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }));
        }

        var headline = $"{rep.DisplayName} met the {metric.Name} target ({metric.DailyTarget}) on {result.DaysMet} of their last {result.DaysCounted} working days.";
        return new OutboundMessage
        {
            Text = headline + " Ready for the next step?",
            Blocks =
            [
                new Heading($"🎓 {rep.DisplayName} is proficient on {metric.Name}"),
                new Paragraph(headline),
                new Paragraph($"{Dates.Display(result.From)} – {Dates.Display(result.Through)}, not counting time away or holidays. Pick one, or keep coaching as is.", Subtle: true),
            ],
            Actions = actions,
        };
    }

    public static OutboundMessage Recognition(Member rep, ProficiencyResult result) => OutboundMessage.Plain(
        $"🎓 You met your {result.Metric.Name} target on {result.DaysMet} of your last {result.DaysCounted} working days. That's a habit now: well done, {rep.DisplayName}! I've let your manager know.");
}
