using System.Globalization;
using NodaTime;
using SalesBot.Core.Metrics;

namespace SalesBot.Core.CheckIns;

/// <summary>
/// Turns a <see cref="CheckInDraft"/> into a <see cref="CheckIn"/> or a list of problems a rep can fix.
/// </summary>
public static class CheckInRules
{
    /// <summary>No one makes more than this many of anything in a day; larger values are typos.</summary>
    public const int MaxDailyValue = 10_000;

    public static CheckInValidation Validate(
        string memberId,
        LocalDate reportDate,
        IReadOnlyList<LeadMetric> metrics,
        CheckInDraft draft,
        Instant now)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(draft);

        var errors = new Dictionary<string, string>();
        var values = new Dictionary<string, int>();

        if (metrics.Count == 0)
        {
            errors[""] = "You have no lead metrics yet; ask your manager to set them up.";
            return new CheckInValidation(null, errors);
        }

        var anyValue = draft.RawValues.Values.Any(v => !string.IsNullOrWhiteSpace(v));
        if (!anyValue)
        {
            errors[""] = "I didn't get any numbers. Fill in " + string.Join(", ", metrics.Select(m => m.Name.ToLowerInvariant())) + ".";
            return new CheckInValidation(null, errors);
        }

        foreach (var metric in metrics)
        {
            draft.RawValues.TryGetValue(metric.Key, out var raw);
            var problem = ParseValue(metric, raw, out var value);
            if (problem is null)
            {
                values[metric.Key] = value;
            }
            else
            {
                errors[metric.Key] = problem;
            }
        }

        var unknown = draft.RawValues.Keys.Where(k => metrics.All(m => m.Key != k)).ToList();
        if (unknown.Count > 0)
        {
            errors[""] = "I don't track " + string.Join(", ", unknown) + " for you. Your metrics are " +
                         string.Join(", ", metrics.Select(m => m.Key)) + ".";
        }

        var plan = draft.Plan.Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        if (plan.Count > CheckIn.MaxPlanItems)
        {
            errors["plan"] = $"Keep today's plan to your top {CheckIn.MaxPlanItems}; you gave {plan.Count}.";
        }
        else if (plan.Any(p => p.Length > CheckIn.MaxTextLength))
        {
            errors["plan"] = $"Keep each plan item under {CheckIn.MaxTextLength} characters.";
        }

        var blockers = string.IsNullOrWhiteSpace(draft.Blockers) ? null : draft.Blockers.Trim();
        if (blockers is { Length: > CheckIn.MaxTextLength })
        {
            errors["blockers"] = $"Keep blockers under {CheckIn.MaxTextLength} characters.";
        }

        if (errors.Count > 0)
        {
            return new CheckInValidation(null, errors);
        }

        return new CheckInValidation(
            new CheckIn
            {
                MemberId = memberId,
                ReportDate = reportDate,
                Values = values,
                Metrics = metrics,
                Plan = plan,
                Blockers = blockers,
                SubmittedAt = now,
            },
            errors);
    }

    private static string? ParseValue(LeadMetric metric, string? raw, out int value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(raw))
        {
            return $"{metric.Name}: please enter a number (0 is fine).";
        }

        var text = raw.Trim();
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return $"{metric.Name}: \"{Truncate(text)}\" isn't a number.";
        }

        if (number < 0)
        {
            return $"{metric.Name}: can't be negative.";
        }

        if (number != decimal.Truncate(number))
        {
            return $"{metric.Name}: use a whole number.";
        }

        if (number > MaxDailyValue)
        {
            return $"{metric.Name}: {number:0} in one day looks like a typo (the most I accept is {MaxDailyValue:N0}).";
        }

        value = (int)number;
        return null;
    }

    private static string Truncate(string text) => text.Length <= 20 ? text : text[..20] + "…";
}

public sealed record CheckInValidation(CheckIn? CheckIn, IReadOnlyDictionary<string, string> Errors)
{
    public bool IsValid => CheckIn is not null;
}
