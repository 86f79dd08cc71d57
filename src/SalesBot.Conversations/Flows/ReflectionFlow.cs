using NodaTime;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Ports;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Organization;
using SalesBot.Core.Reflections;

namespace SalesBot.Conversations.Flows;

/// <summary>
/// The monthly reflection (seed 000): what worked, what didn't, what I'll try, with the rep's own
/// numbers beside it and last month's "I'll try" brought back.
/// </summary>
public sealed class ReflectionFlow(IReflectionStore reflections, ICheckInStore checkIns, QuotaProgress quotas, IClock clock) : IFlow
{
    public const string SubmitVerb = "reflect.submit";
    public const string MonthField = "month";

    public IReadOnlyList<string> Commands { get; } = ["reflect", "reflection"];

    public IReadOnlyList<string> Verbs { get; } = ["reflect.open", SubmitVerb];

    /// <summary>In the first week of a month people reflect on the month that just ended.</summary>
    public static YearMonth MonthToReflectOn(LocalDate today) =>
        today.Day <= 7 ? today.PlusMonths(-1).ToYearMonth() : today.ToYearMonth();

    public async Task<TurnResult> OnCommandAsync(Turn turn, string argument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var month = MonthToReflectOn(clock.GetCurrentInstant().InZone(turn.Zone).Date);
        return TurnResult.Reply(await FormAsync(turn.Member, month, null, cancellationToken));
    }

    public async Task<TurnResult> OnSubmitAsync(Turn turn, FormSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(submission);
        if (submission.Verb != SubmitVerb)
        {
            return await OnCommandAsync(turn, string.Empty, cancellationToken);
        }

        var month = ParseMonth(submission.Value(MonthField)) ?? MonthToReflectOn(clock.GetCurrentInstant().InZone(turn.Zone).Date);
        var answers = new Dictionary<string, string?>
        {
            ["worked"] = submission.Value("worked")?.Trim(),
            ["didNotWork"] = submission.Value("didNotWork")?.Trim(),
            ["willTry"] = submission.Value("willTry")?.Trim(),
        };
        var errors = answers.Where(a => string.IsNullOrWhiteSpace(a.Value)).ToDictionary(a => a.Key, _ => "A sentence is enough, but please fill this in.");
        foreach (var a in answers.Where(a => a.Value is { Length: > Reflection.MaxTextLength }))
        {
            errors[a.Key] = $"Keep it under {Reflection.MaxTextLength} characters.";
        }

        if (errors.Count > 0)
        {
            return new TurnResult
            {
                Replies = [OutboundMessage.Plain("Your reflection needs all three answers: what worked, what didn't, and what you'll try. Nothing was saved yet.")],
                FieldErrors = errors,
            };
        }

        turn.Changes.PutReflection(
            new Reflection
            {
                MemberId = turn.Member.Id,
                Month = month,
                Worked = answers["worked"]!,
                DidNotWork = answers["didNotWork"]!,
                WillTry = answers["willTry"]!,
                SubmittedAt = clock.GetCurrentInstant(),
            });
        var reply = new OutboundMessage
        {
            Text = $"Reflection for {MonthName(month)} saved. I'll ask how \"{answers["willTry"]}\" went next month.",
            Blocks =
            [
                new Heading($"Reflection · {MonthName(month)}"),
                new FactList([new Fact("What worked", answers["worked"]!), new Fact("What didn't", answers["didNotWork"]!), new Fact("What I'll try", answers["willTry"]!)]),
                new Paragraph("I'll bring your \"I'll try\" back next month.", Subtle: true),
            ],
        };
        return new TurnResult { Replies = [reply], ReplacesSubmittedForm = reply };
    }

    /// <summary>The reflection form for a month, with the member's own numbers and last month's "I'll try".</summary>
    public async Task<OutboundMessage> FormAsync(Member member, YearMonth month, IReadOnlyDictionary<string, string>? errors, CancellationToken cancellationToken)
    {
        var first = month.OnDayOfMonth(1);
        var last = month.OnDayOfMonth(month.Calendar.GetDaysInMonth(month.Year, month.Month));
        var days = await checkIns.ListForMemberAsync(member.Id, first, last, cancellationToken);
        var previous = await reflections.GetAsync(member.Id, month.PlusMonths(-1), cancellationToken);
        var current = await reflections.GetAsync(member.Id, month, cancellationToken);

        var facts = new List<Fact> { new("Days checked in", days.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
        foreach (var metric in member.Metrics)
        {
            var values = days.Select(d => d.ValueOf(metric.Key)).OfType<int>().ToList();
            var hit = values.Count(metric.IsMet);
            facts.Add(new Fact(metric.Name, values.Count == 0 ? "—" : $"{values.Sum()} total, target hit {hit} of {values.Count} days"));
        }

        if (await quotas.ForMonthAsync(member, month, cancellationToken) is { } outcome)
        {
            facts.Add(new Fact("Quota", outcome.Progress()));
        }

        var blocks = new List<MessageBlock> { new Heading($"Monthly reflection · {MonthName(month)}"), new FactList(facts) };
        if (previous is not null)
        {
            blocks.Add(new Paragraph($"Last month you said you'd try: \"{previous.WillTry}\". Did you? How did it go?"));
        }

        string? Err(string id) => errors is not null && errors.TryGetValue(id, out var e) ? e : null;
        return new OutboundMessage
        {
            Text = $"Time to reflect on {MonthName(month)}: what worked, what didn't, what you'll try.",
            Blocks = blocks,
            Form = new Form(SubmitVerb, $"Reflection · {MonthName(month)}",
            [
                new TextInput("worked", "What worked?", true, Reflection.MaxTextLength, current?.Worked, Required: true) { Error = Err("worked") },
                new TextInput("didNotWork", "What didn't?", true, Reflection.MaxTextLength, current?.DidNotWork, Required: true) { Error = Err("didNotWork") },
                new TextInput("willTry", "What will I try next month?", true, Reflection.MaxTextLength, current?.WillTry, Required: true) { Error = Err("willTry") },
            ],
            "Save reflection",
            new Dictionary<string, string> { [MonthField] = $"{month.Year:D4}-{month.Month:D2}" }),
        };
    }

    public static string MonthName(YearMonth month) =>
        month.OnDayOfMonth(1).ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    private static YearMonth? ParseMonth(string? text) =>
        text is not null && NodaTime.Text.YearMonthPattern.Iso.Parse(text) is { Success: true } r ? r.Value : null;
}
