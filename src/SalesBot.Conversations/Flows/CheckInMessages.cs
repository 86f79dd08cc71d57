using SalesBot.Conversations.Messages;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Metrics;
using SalesBot.Core.Organization;

namespace SalesBot.Conversations.Flows;

/// <summary>The check-in form and the reply after a check-in.</summary>
public static class CheckInMessages
{
    public const string PlanInput = "plan";
    public const string BlockersInput = "blockers";
    public const string ReportDateField = "reportDate";

    public static OutboundMessage Form(Member member, NodaTime.LocalDate reportDate, CheckIn? existing = null,
        IReadOnlyDictionary<string, string>? typed = null, IReadOnlyDictionary<string, string>? errors = null)
    {
        ArgumentNullException.ThrowIfNull(member);
        string? Typed(string id) => typed is not null && typed.TryGetValue(id, out var v) ? v : null;
        string? ErrorFor(string id) => errors is not null && errors.TryGetValue(id, out var e) ? e : null;

        var inputs = new List<FormInput>();
        foreach (var metric in member.MetricsOn(reportDate))
        {
            var value = int.TryParse(Typed(metric.Key), out var t) ? t : existing?.ValueOf(metric.Key);
            inputs.Add(new NumberInput(metric.Key, $"{metric.Name} (target {TargetText(metric)})", 0, CheckInRules.MaxDailyValue, value, "0")
            {
                Error = ErrorFor(metric.Key),
            });
        }

        inputs.Add(new TextInput(PlanInput, "Today's top 3 (one per line)", Multiline: true, MaxLength: 3 * CheckIn.MaxTextLength,
            Value: Typed(PlanInput) ?? (existing is null ? null : string.Join('\n', existing.Plan)), Placeholder: "Call Acme about renewal")
        {
            Error = ErrorFor(PlanInput),
        });
        inputs.Add(new TextInput(BlockersInput, "Blockers or help needed", Multiline: true, MaxLength: CheckIn.MaxTextLength,
            Value: Typed(BlockersInput) ?? existing?.Blockers, Placeholder: "Nothing blocking")
        {
            Error = ErrorFor(BlockersInput),
        });

        var day = Dates.Display(reportDate);
        var intro = existing is null
            ? $"Your numbers for {day}, then today's plan."
            : $"You already checked in for {day}; submitting again replaces it.";
        var blocks = new List<MessageBlock> { new Heading($"Daily check-in · {day}"), new Paragraph(intro) };
        if (errors is not null && errors.TryGetValue("", out var general))
        {
            blocks.Add(new Paragraph("⚠️ " + general));
        }

        return new OutboundMessage
        {
            Text = $"Time for your check-in: your numbers for {day}, today's top 3 and blockers.",
            Blocks = blocks,
            Form = new Messages.Form(CheckInFlow.SubmitVerb, $"Check-in · {day}", inputs, "Submit check-in",
                new Dictionary<string, string> { [ReportDateField] = Dates.ToIso(reportDate) }),
        };
    }

    /// <summary>Answer to a check-in (a form sent back, or a "fix") for a day outside the edit window.</summary>
    public static string TooFarBack(NodaTime.LocalDate asked, IReadOnlyList<NodaTime.LocalDate> editable)
    {
        ArgumentNullException.ThrowIfNull(editable);
        var earlier = editable.Skip(1).Select(Dates.Display).ToList();
        var window = earlier.Count == 0 ? string.Empty : $" and the working days before it ({string.Join(", ", earlier)})";
        return $"{Dates.Display(asked)} is too far back to change now, so I saved nothing. " +
               $"You can still correct {Dates.Display(editable[0])}{window}, e.g. \"fix {Dates.Display(editable[^1])[..3]} calls 14\".";
    }

    public static OutboundMessage Saved(Member member, CheckIn checkIn, CheckInOutcome outcome, bool replaced, CheckIn? previous = null)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(checkIn);
        ArgumentNullException.ThrowIfNull(outcome);
        var day = Dates.Display(checkIn.ReportDate);
        var blocks = new List<MessageBlock>
        {
            new Heading(replaced ? $"Check-in updated for {day}" : $"Check-in saved for {day}"),
        };
        if (replaced)
        {
            blocks.Add(new Paragraph("You'd already checked in for that day, so I replaced your earlier numbers with these."));
            if (previous is not null)
            {
                blocks.Add(new Paragraph(WhatChanged(member, previous, checkIn)));
            }
        }

        blocks.Add(new FactList(outcome.Results.Select(r => new Fact(r.Metric.Name, ResultText(r))).ToList()));

        var cheers = new List<string>();
        var met = outcome.Results.Count(r => r.TargetMet);
        cheers.Add(outcome.AllTargetsMet
            ? "🎯 Every target hit. That's how good months are built."
            : $"{met} of {outcome.Results.Count} targets hit. Small steps every day add up.");
        if (outcome.Streak >= 2)
        {
            cheers.Add($"🔥 {outcome.Streak} working days in a row.");
        }

        cheers.AddRange(outcome.PersonalBests.Select(b => $"🏆 Personal best: {b.Metric.CountOf(b.Value)}!"));
        blocks.Add(new Paragraph(string.Join(' ', cheers)));

        if (checkIn.Plan.Count > 0)
        {
            blocks.Add(new Paragraph("Today's top 3:"));
            blocks.Add(new BulletList(checkIn.Plan));
        }

        if (checkIn.Blockers is not null)
        {
            blocks.Add(new Paragraph($"Blockers: {checkIn.Blockers} (your manager sees this in their status)."));
        }

        var summary = string.Join(", ", outcome.Results.Select(r => $"{r.Metric.Key} {r.Value}"));
        return new OutboundMessage
        {
            Text = (replaced ? "Check-in updated" : "Check-in saved") + $" for {day}: {summary}.",
            Blocks = blocks,
        };
    }

    public static string Problems(IReadOnlyDictionary<string, string> errors) =>
        "I couldn't save that check-in: " + string.Join(" ", errors.Values) + " Nothing was saved; try again.";

    public static string TargetText(LeadMetric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return metric.HigherIsBetter ? metric.DailyTarget.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"≤{metric.DailyTarget}";
    }

    public static string ResultText(MetricResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var target = TargetText(result.Metric);
        if (result.TargetMet)
        {
            return $"{result.Value} / {target} ✅";
        }

        return result.Metric.HigherIsBetter
            ? $"{result.Value} / {target} ({result.Metric.DailyTarget - result.Value} to go)"
            : $"{result.Value} / {target}";
    }

    /// <summary>"What changed: Calls 33 → 32. Your plan and blockers stay as they were.", so a correction never surprises.</summary>
    private static string WhatChanged(Member member, CheckIn before, CheckIn after)
    {
        var changes = after.MetricsOr(member.Metrics)
            .Where(m => before.Values.GetValueOrDefault(m.Key) != after.Values.GetValueOrDefault(m.Key))
            .Select(m => $"{m.Name} {before.Values.GetValueOrDefault(m.Key)} → {after.Values.GetValueOrDefault(m.Key)}")
            .ToList();
        if (!before.Plan.SequenceEqual(after.Plan, StringComparer.Ordinal))
        {
            changes.Add("today's plan");
        }

        if (!string.Equals(before.Blockers, after.Blockers, StringComparison.Ordinal))
        {
            changes.Add(after.Blockers is null ? "blockers cleared" : "blockers");
        }

        var what = changes.Count == 0 ? "Nothing changed." : $"What changed: {string.Join(", ", changes)}.";
        var notesKept = before.Plan.Count + (before.Blockers is null ? 0 : 1) > 0
            && before.Plan.SequenceEqual(after.Plan, StringComparer.Ordinal)
            && string.Equals(before.Blockers, after.Blockers, StringComparison.Ordinal);
        return notesKept ? what + " Your plan and blockers stay as they were." : what;
    }
}
