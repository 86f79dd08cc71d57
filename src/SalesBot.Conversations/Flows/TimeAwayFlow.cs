using NodaTime;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Scheduling;
using SalesBot.Core.Organization;
using SalesBot.Core.Schedules;

namespace SalesBot.Conversations.Flows;

/// <summary>
/// Time away in plain words or a form: "I'm off until Dec 2", "off tomorrow", "skip today", "back".
/// While away a member is not prompted or reminded, is shown as away rather than missing, and keeps
/// their streak. Time away starts today at the earliest: nobody can excuse a day already missed.
/// </summary>
public sealed class TimeAwayFlow(MemberChanges changes, IClock clock) : IFlow
{
    public const string OpenVerb = "away.open";
    public const string SubmitVerb = "away.submit";
    public const string BackVerb = "away.back";
    public const string FromInput = "from";
    public const string ToInput = "to";
    public const string ReasonInput = "reason";

    public IReadOnlyList<string> Commands { get; } =
        ["off", "away", "ooo", "out of office", "vacation", "i'm off", "im off", "i am off", "i'm away", "i am away", "i'm out", "skip", "back", "i'm back", "im back", "i am back"];

    public IReadOnlyList<string> Verbs { get; } = [OpenVerb, SubmitVerb, BackVerb, ScheduledMessages.SkipVerb];

    public async Task<TurnResult> OnCommandAsync(Turn turn, string argument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var today = turn.Calendar.Today(clock.GetCurrentInstant());
        var words = CommandText.Normalize(turn.Inbound.Text).ToLowerInvariant();
        if (System.Text.RegularExpressions.Regex.IsMatch(words, @"^((i'm|im|i am)\s+)?back\b"))
        {
            return await BackAsync(turn, today, cancellationToken);
        }

        var skip = words.StartsWith("skip", StringComparison.Ordinal);
        var arg = argument.Trim().TrimEnd('.', '!');
        if (arg.Length == 0)
        {
            return skip ? await AwayAsync(turn, today, today, "skipped", cancellationToken) : TurnResult.Reply(Form(turn, today));
        }

        if (Range(arg, today) is not { } range)
        {
            return TurnResult.Reply(new OutboundMessage
            {
                Text = $"Sorry, I couldn't tell which days from \"{Shorten(arg)}\". Try \"off tomorrow\", \"off until Dec 2\", \"off Dec 24 to Jan 2\" or \"skip today\", or use the form.",
                Actions = [new ActionButton("Choose dates", OpenVerb, Primary: true)],
            });
        }

        return await AwayAsync(turn, range.From, range.To, skip ? "skipped" : "away", cancellationToken);
    }

    public async Task<TurnResult> OnSubmitAsync(Turn turn, FormSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(submission);
        var today = turn.Calendar.Today(clock.GetCurrentInstant());
        switch (submission.Verb)
        {
            case BackVerb:
                return await BackAsync(turn, today, cancellationToken);
            case ScheduledMessages.SkipVerb:
                // The button names a day, but the server decides: skipping is for today, in the member's zone.
                return await AwayAsync(turn, today, today, "skipped", cancellationToken);
            case SubmitVerb:
                var from = Dates.ParseIso(submission.Value(FromInput));
                var to = Dates.ParseIso(submission.Value(ToInput)) ?? from;
                if (from is null || to is null)
                {
                    return Rejected(turn, today, FromInput, "Pick the first day you're away.");
                }

                var reason = submission.Value(ReasonInput)?.Trim();
                return await AwayAsync(turn, from.Value, to.Value, string.IsNullOrEmpty(reason) ? "away" : reason[..Math.Min(reason.Length, 80)], cancellationToken, fromForm: true);
            default:
                return TurnResult.Reply(Form(turn, today));
        }
    }

    private async Task<TurnResult> AwayAsync(Turn turn, LocalDate from, LocalDate to, string reason, CancellationToken cancellationToken, bool fromForm = false)
    {
        var today = turn.Calendar.Today(clock.GetCurrentInstant());
        string? problem = from < today ? "Time away can start today at the earliest: past days can't be changed."
            : to < from ? "The last day away must be on or after the first."
            : Period.Between(from, to, PeriodUnits.Days).Days >= AwayPeriod.MaxLengthDays ? $"That's more than {AwayPeriod.MaxLengthDays} days. Please split it up."
            : null;
        if (problem is not null)
        {
            return fromForm ? Rejected(turn, today, problem.Contains("last", StringComparison.Ordinal) ? ToInput : FromInput, problem) : TurnResult.Reply(problem + " Nothing was changed.");
        }

        var member = await changes.UpdateMemberAsync(turn, m => m.WithTimeAway(new AwayPeriod(from, to, reason)), cancellationToken);
        var calendar = new MemberCalendar(member, turn.Team);
        var period = member.AwayOn(from)!;
        var back = calendar.NextWorkingDay(period.To);
        var when = period.From == period.To ? Dates.Display(period.From) : $"{Dates.Display(period.From)} to {Dates.Display(period.To)}";
        var text = reason == "skipped" && from == to && from == today
            ? $"Skipping today ({Dates.Display(today)}). No prompts or reminders today, and your streak is safe."
            : $"Got it: you're away {when}. No prompts or reminders until {Dates.Display(back)}, and your streak is safe while you're out.";
        var reply = new OutboundMessage
        {
            Text = text + " Say \"back\" if plans change.",
            Actions = [new ActionButton("I'm back", BackVerb)],
        };
        return new TurnResult { Replies = [reply], ReplacesSubmittedForm = fromForm ? reply : null };
    }

    private async Task<TurnResult> BackAsync(Turn turn, LocalDate today, CancellationToken cancellationToken)
    {
        if (!turn.Member.TimeAway.Any(p => p.To >= today))
        {
            return TurnResult.Reply("You're not marked away, so nothing changes. Welcome back anyway! 👋");
        }

        await changes.UpdateMemberAsync(turn, m => m.BackOn(today), cancellationToken);
        return TurnResult.Reply("Welcome back! 👋 Your time away from today on is cancelled, and I'll ask for your check-ins again as usual.");
    }

    private static TurnResult Rejected(Turn turn, LocalDate today, string input, string problem) => new()
    {
        Replies = [OutboundMessage.Plain(problem + " Nothing was changed."), Form(turn, today, new Dictionary<string, string> { [input] = problem })],
        FieldErrors = new Dictionary<string, string> { [input] = problem },
    };

    /// <summary>The time-away form, with what is already planned.</summary>
    public static OutboundMessage Form(Turn turn, LocalDate today, IReadOnlyDictionary<string, string>? errors = null)
    {
        ArgumentNullException.ThrowIfNull(turn);
        string? Err(string id) => errors is not null && errors.TryGetValue(id, out var e) ? e : null;
        var planned = turn.Member.TimeAway.Where(p => p.To >= today)
            .Select(p => p.From == p.To ? Dates.Display(p.From) : $"{Dates.Display(p.From)} to {Dates.Display(p.To)}")
            .ToList();
        var blocks = new List<MessageBlock> { new Heading("Time away") };
        blocks.Add(planned.Count == 0
            ? new Paragraph("You have no time away planned. While you're away I won't prompt or remind you, and your streak is safe.")
            : new BulletList([.. planned.Select(p => "Away " + p)]));
        return new OutboundMessage
        {
            Text = "When are you away? Pick the days, or type e.g. \"off until Dec 2\" or \"skip today\".",
            Blocks = blocks,
            Form = new Form(SubmitVerb, "Time away",
            [
                new DateInput(FromInput, "First day away", Dates.ToIso(today), Dates.ToIso(today)) { Error = Err(FromInput) },
                new DateInput(ToInput, "Last day away", Dates.ToIso(today), Dates.ToIso(today)) { Error = Err(ToInput) },
                new TextInput(ReasonInput, "Reason (optional, only you see it)", MaxLength: 80, Placeholder: "Vacation"),
            ],
            "Save time away"),
            Actions = planned.Count == 0 ? [] : [new ActionButton("I'm back", BackVerb)],
        };
    }

    /// <summary>
    /// "today", "Dec 2" (one day); "until Dec 2" (back on Dec 2); "through Dec 2"; "Dec 24 to Jan 2";
    /// "for 3 days". Null when the words are not understood.
    /// </summary>
    public static (LocalDate From, LocalDate To)? Range(string text, LocalDate today)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.ToLowerInvariant().Trim();
        foreach (var prefix in new[] { "from ", "on " })
        {
            t = t.StartsWith(prefix, StringComparison.Ordinal) ? t[prefix.Length..] : t;
        }

        foreach (var (word, inclusive) in new[] { ("until ", false), ("till ", false), ("til ", false), ("through ", true), ("thru ", true) })
        {
            if (t.StartsWith(word, StringComparison.Ordinal))
            {
                return DayText.ParseDay(t[word.Length..], today) is { } end && end > today
                    ? (today, inclusive ? end : end.PlusDays(-1))
                    : null;
            }
        }

        if (System.Text.RegularExpressions.Regex.Match(t, @"^(for\s+)?(?<n>\d{1,3})\s+days?$") is { Success: true } days)
        {
            var n = int.Parse(days.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
            return n >= 1 ? (today, today.PlusDays(n - 1)) : null;
        }

        foreach (var separator in new[] { " to ", " through ", " thru ", " until ", " - ", " – ", "-" })
        {
            var at = t.IndexOf(separator, StringComparison.Ordinal);
            if (at > 0 && DayText.ParseDay(t[..at], today) is { } start && DayText.ParseDay(t[(at + separator.Length)..], start) is { } end)
            {
                return (start, separator == " until " ? end.PlusDays(-1) : end);
            }
        }

        return DayText.ParseDay(t, today) is { } day ? (day, day) : null;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
