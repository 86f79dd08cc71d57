using System.Globalization;
using NodaTime;
using SalesBot.Conversations.Flows;
using SalesBot.Conversations.Messages;
using SalesBot.Core.Metrics;
using SalesBot.Core.Organization;

namespace SalesBot.Conversations.Metrics;

/// <summary>
/// Lead metrics that fit the rep (seed 001): a manager sees the team's plan by role and tenure, and sets a
/// rep's metrics (at most three) and daily targets by typing, in a form, or with one click on a
/// proficiency nudge. Every path re-checks that the rep reports to the speaker and that what came back
/// from the client names a metric and a target the team allows.
/// </summary>
public sealed class MetricsFlow(RepMetricChange change, MetricPlans plans, MemberChanges teams, IClock clock) : IFlow
{
    public const string OpenVerb = "metrics.open";
    public const string SubmitVerb = "metrics.submit";
    public const string AddVerb = "metrics.add";
    public const string RaiseVerb = "metrics.raise";

    public IReadOnlyList<string> Commands { get; } = ["metrics", "target"];

    public IReadOnlyList<string> Verbs { get; } = [OpenVerb, SubmitVerb, AddVerb, RaiseVerb];

    public async Task<TurnResult> OnCommandAsync(Turn turn, string argument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var plan = plans.For(turn.Team);
        var targetsOnly = CommandText.TryMatch(turn.Inbound.Text ?? string.Empty, "target", out _);
        var command = MetricCommand.Parse(argument, plan, targetsOnly);
        if (!turn.Member.Role.CanSeeTeamStatus())
        {
            return command.Kind == MetricCommandKind.Show && command.Who.Length == 0
                ? TurnResult.Reply(MetricsMessages.Own(turn.Member))
                : TurnResult.Reply("Your manager sets your lead metrics. Say \"metrics\" to see yours.");
        }

        if (PlanCommand.IsPlan(argument))
        {
            return await ChangePlanAsync(turn, argument, plan, cancellationToken);
        }

        var reps = await change.ManageableRepsAsync(turn, cancellationToken);
        if (command.Kind == MetricCommandKind.Show && command.Who.Length == 0)
        {
            return TurnResult.Reply(MetricsMessages.Plan(turn.Team, plan, reps, Today(turn)));
        }

        var matches = NameMatch.Find(command.Who, reps);
        if (matches.Count == 0)
        {
            return TurnResult.Reply(MetricsMessages.Refusal(command.Who));
        }

        if (matches.Count > 1)
        {
            return TurnResult.Reply(new OutboundMessage
            {
                Text = $"Which one? {string.Join(", ", matches.Select(m => m.DisplayName))}.",
                Actions = [.. matches.Take(5).Select(m => new ActionButton(m.DisplayName, OpenVerb, new Dictionary<string, string> { [MetricsMessages.MemberKey] = m.Id }))],
            });
        }

        var rep = matches[0];
        if (command.Problem is { } problem)
        {
            return TurnResult.Reply(problem);
        }

        var metrics = command.Kind switch
        {
            MetricCommandKind.Show => null,
            MetricCommandKind.Set => command.Items.Select(i => i.Metric with { DailyTarget = i.Target!.Value }).ToList(),
            MetricCommandKind.Add => Added(rep, command.Items),
            MetricCommandKind.Remove => rep.Metrics.Where(m => command.Items.All(i => i.Metric.Key != m.Key)).ToList(),
            _ => Retargeted(rep, command.Items),
        };
        if (metrics is null)
        {
            return TurnResult.Reply(MetricsMessages.Form(rep, plan, change.Days(rep, turn.Team).From));
        }

        if (Refusal(rep, command, metrics) is { } refusal)
        {
            return TurnResult.Reply(refusal);
        }

        return await SaveAsync(turn, rep, metrics, cancellationToken);
    }

    public async Task<TurnResult> OnSubmitAsync(Turn turn, FormSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(submission);
        // The rep's id comes back from the client: it is checked against who the sender manages, like a typed name.
        var rep = await change.ManageableAsync(turn, submission.Value(MetricsMessages.MemberKey), cancellationToken);
        if (rep is null)
        {
            return TurnResult.Reply(MetricsMessages.Refusal("that person"));
        }

        var plan = plans.For(turn.Team);
        return submission.Verb switch
        {
            OpenVerb => TurnResult.Reply(MetricsMessages.Form(rep, plan, change.Days(rep, turn.Team).From)),
            SubmitVerb => await SubmitFormAsync(turn, rep, plan, submission, cancellationToken),
            _ => await PressedAsync(turn, rep, plan, submission, cancellationToken),
        };
    }

    private async Task<TurnResult> SubmitFormAsync(Turn turn, Member rep, MetricPlan plan, FormSubmission submission, CancellationToken cancellationToken)
    {
        var offered = MetricsMessages.FormMetrics(rep, plan);
        var forged = submission.Values.Keys.FirstOrDefault(k => k != MetricsMessages.MemberKey && offered.All(m => m.Key != k));
        if (forged is not null)
        {
            return TurnResult.Reply("That form names a metric I don't offer for this team, so I saved nothing. Say \"metrics\" to open it again.");
        }

        var errors = new Dictionary<string, string>();
        var chosen = new List<LeadMetric>();
        foreach (var metric in offered)
        {
            var raw = submission.Value(metric.Key)?.Trim();
            if (string.IsNullOrEmpty(raw) || raw == "0")
            {
                continue;
            }

            if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var target) || !TargetRule.IsValid(target))
            {
                errors[metric.Key] = $"{metric.Name}: a daily target is a whole number from {TargetRule.Min} to {TargetRule.Max}, or empty for not active.";
                continue;
            }

            chosen.Add(metric with { DailyTarget = target });
        }

        if (errors.Count == 0 && chosen.Count is 0 or > Member.MaxActiveMetrics)
        {
            errors[""] = chosen.Count == 0
                ? "Give at least one metric a daily target, so there is something to check in on."
                : $"A rep focuses on at most {Member.MaxActiveMetrics} lead metrics at a time; you gave {chosen.Count}. Leave the others empty.";
        }

        if (errors.Count > 0)
        {
            return new TurnResult
            {
                Replies = [OutboundMessage.Plain(string.Join(" ", errors.Values)), MetricsMessages.Form(rep, plan, change.Days(rep, turn.Team).From, submission.Values, errors)],
                FieldErrors = errors,
            };
        }

        // Keep the rep's order for the metrics they keep, so their check-in form does not reshuffle.
        var ordered = chosen.OrderBy(m => rep.Metrics.ToList().FindIndex(x => x.Key == m.Key) is var i and >= 0 ? i : int.MaxValue).ToList();
        var result = await SaveAsync(turn, rep, ordered, cancellationToken);
        return result with { ReplacesSubmittedForm = result.Replies[0] };
    }

    /// <summary>A proficiency nudge's button: the values are the client's, so each is checked again now.</summary>
    private async Task<TurnResult> PressedAsync(Turn turn, Member rep, MetricPlan plan, FormSubmission submission, CancellationToken cancellationToken)
    {
        var key = submission.Value(MetricsMessages.MetricKey);
        var metric = plan.Known.FirstOrDefault(m => m.Key == key);
        if (metric is null || !int.TryParse(submission.Value(MetricsMessages.TargetKey), NumberStyles.None, CultureInfo.InvariantCulture, out var target)
                           || !TargetRule.IsValid(target))
        {
            return TurnResult.Reply("That button names a metric or target I don't accept, so I changed nothing. Say \"metrics\" to see the team's.");
        }

        List<LeadMetric> metrics;
        if (submission.Verb == AddVerb)
        {
            if (rep.Metrics.FirstOrDefault(m => m.Key == metric.Key) is { } has)
            {
                return TurnResult.Reply($"{rep.DisplayName} already has {has.Name} ({has.DailyTarget} a day), so nothing changed.");
            }

            metrics = [.. rep.Metrics];
            if (submission.Value(MetricsMessages.ReplacesKey) is { Length: > 0 } replaces)
            {
                if (metrics.RemoveAll(m => m.Key == replaces) == 0)
                {
                    return TurnResult.Reply($"{rep.DisplayName}'s metrics changed since I asked, so I changed nothing. Say \"metrics {rep.DisplayName}\" to see them.");
                }
            }

            metrics.Add(metric with { DailyTarget = target });
        }
        else
        {
            if (rep.Metrics.FirstOrDefault(m => m.Key == metric.Key) is not { } carried)
            {
                return TurnResult.Reply($"{rep.DisplayName} no longer has {metric.Name}, so there is no target to raise.");
            }

            if (carried.DailyTarget >= target)
            {
                return TurnResult.Reply($"{rep.DisplayName}'s {carried.Name} target is {carried.DailyTarget} already, so nothing changed.");
            }

            metrics = [.. rep.Metrics.Select(m => m.Key == metric.Key ? m with { DailyTarget = target } : m)];
        }

        if (metrics.Count > Member.MaxActiveMetrics)
        {
            return TurnResult.Reply($"{rep.DisplayName} has {Member.MaxActiveMetrics} metrics already. Remove one first, e.g. \"metrics {rep.DisplayName} remove {rep.Metrics[0].Key}\".");
        }

        return await SaveAsync(turn, rep, metrics, cancellationToken);
    }

    /// <summary>
    /// A row of the team's plan: what new members start on (existing reps keep theirs, as their manager set them).
    /// The team gets a plan of its own from here on, so a later plan file leaves it alone.
    /// </summary>
    private async Task<TurnResult> ChangePlanAsync(Turn turn, string argument, MetricPlan plan, CancellationToken cancellationToken)
    {
        if (turn.Member.Role != MemberRole.Manager)
        {
            return TurnResult.Reply("The team's plan is set by its managers.");
        }

        var (changed, problem) = PlanCommand.Apply(argument, plan);
        if (changed is null)
        {
            return TurnResult.Reply(problem!);
        }

        var team = await teams.UpdateTeamAsync(turn, t => t with { MetricPlan = changed }, cancellationToken);
        var reply = MetricsMessages.Plan(team, changed, await change.ManageableRepsAsync(turn, cancellationToken), Today(turn));
        return TurnResult.Reply(reply with { Text = "Saved. New members start on this plan; your reps keep the metrics they have. " + reply.Text });
    }

    private async Task<TurnResult> SaveAsync(Turn turn, Member rep, IReadOnlyList<LeadMetric> metrics, CancellationToken cancellationToken)
    {
        var after = await change.ApplyAsync(turn, rep, metrics, cancellationToken);
        return after is null
            ? TurnResult.Reply(MetricsMessages.Unchanged(rep))
            : TurnResult.Reply(MetricsMessages.Saved(after, after.MetricsFrom ?? change.Days(after, turn.Team).Current));
    }

    private static List<LeadMetric> Added(Member rep, IReadOnlyList<(LeadMetric Metric, int? Target)> items) =>
        [.. rep.Metrics, .. items.Where(i => rep.Metrics.All(m => m.Key != i.Metric.Key)).Select(i => i.Target is { } t ? i.Metric with { DailyTarget = t } : i.Metric)];

    private static List<LeadMetric> Retargeted(Member rep, IReadOnlyList<(LeadMetric Metric, int? Target)> items) =>
        [.. rep.Metrics.Select(m => items.FirstOrDefault(i => i.Metric.Key == m.Key) is { Metric: not null } i ? m with { DailyTarget = i.Target!.Value } : m)];

    private static string? Refusal(Member rep, MetricCommand command, List<LeadMetric> metrics)
    {
        if (command.Kind == MetricCommandKind.Targets && command.Items.FirstOrDefault(i => rep.Metrics.All(m => m.Key != i.Metric.Key)) is { Metric: not null } missing)
        {
            return $"{rep.DisplayName} doesn't have {missing.Metric.Name}. Add it with \"metrics {rep.DisplayName} add {missing.Metric.Key} {missing.Target}\".";
        }

        if (command.Kind == MetricCommandKind.Remove && command.Items.All(i => rep.Metrics.All(m => m.Key != i.Metric.Key)))
        {
            return $"{rep.DisplayName} doesn't have {command.Items[0].Metric.Name}, so there is nothing to remove.";
        }

        if (command.Kind == MetricCommandKind.Set && command.Items.GroupBy(i => i.Metric.Key).Any(g => g.Count() > 1))
        {
            return "Each metric once, please.";
        }

        return metrics.Count switch
        {
            0 => $"{rep.DisplayName} would have no lead metrics left. Add another first, e.g. \"metrics {rep.DisplayName} add referrals 2\".",
            > Member.MaxActiveMetrics => $"A rep focuses on at most {Member.MaxActiveMetrics} lead metrics at a time; that would give {rep.DisplayName} {metrics.Count}. Remove one first, e.g. \"metrics {rep.DisplayName} remove {rep.Metrics[0].Key}\".",
            _ => null,
        };
    }

    private LocalDate Today(Turn turn) => turn.Calendar.Today(clock.GetCurrentInstant());
}
