using NodaTime;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Metrics;
using SalesBot.Conversations.Ports;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Organization;
using SalesBot.Core.Wins;

namespace SalesBot.Conversations.Flows;

/// <summary>
/// The daily check-in (seed 002): a form with one number per lead metric, today's top 3 and
/// blockers, or the same typed on one line. The reply compares with targets, streak and personal bests,
/// and detected wins are posted to the team channel.
/// </summary>
public sealed class CheckInFlow(
    ICheckInStore checkIns, WinPosts winPosts, QuotaProgress quotas, CheckInPolicy policy, ProficiencyNudges proficiency, IClock clock) : IFlow
{
    public const string OpenVerb = "checkin.open";
    public const string SubmitVerb = "checkin.submit";

    public IReadOnlyList<string> Commands { get; } = ["check in", "checkin"];

    public IReadOnlyList<string> Verbs { get; } = [OpenVerb, SubmitVerb];

    public async Task<TurnResult> OnCommandAsync(Turn turn, string argument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var reportDate = turn.Calendar.ReportDateFor(clock.GetCurrentInstant());
        if (string.IsNullOrWhiteSpace(argument))
        {
            var existing = await checkIns.GetAsync(turn.Member.Id, reportDate, cancellationToken);
            return TurnResult.Reply(CheckInMessages.Form(turn.Member, reportDate, existing?.Value));
        }

        var draft = CheckInLine.Parse(argument, turn.Member.MetricsOn(reportDate));
        return await SaveAsync(turn, reportDate, draft, fromForm: false, cancellationToken);
    }

    /// <summary>The one-line path without the words "check in": "calls 32, meetings 4, proposals 1".</summary>
    public Task<TurnResult> OnNumbersAsync(Turn turn, string text, CancellationToken cancellationToken) =>
        OnCommandAsync(turn, text, cancellationToken);

    public static bool LooksLikeNumbers(Member member, string text) => CheckInLine.LooksLikeNumbers(text, member.Metrics);

    public async Task<TurnResult> OnSubmitAsync(Turn turn, FormSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(submission);
        var today = turn.Calendar.ReportDateFor(clock.GetCurrentInstant());
        if (submission.Verb == OpenVerb)
        {
            return await OnCommandAsync(turn, string.Empty, cancellationToken);
        }

        // The form carries the day it was made for, so a card answered after midnight (or a "fix Fri"
        // card) reports on its day. The date is echoed back by the client, so only the days of the edit
        // window are taken: nobody can invent history or a streak by editing the card's data.
        var reportDate = Dates.ParseIso(submission.Value(CheckInMessages.ReportDateField)) ?? today;
        if (!CheckInEditWindow.Allows(turn.Calendar, today, policy.EditWindowWorkingDays, reportDate))
        {
            return TurnResult.Reply(
                OutboundMessage.Plain(CheckInMessages.TooFarBack(reportDate, EditableDays(turn, today))),
                CheckInMessages.Form(turn.Member, today, (await checkIns.GetAsync(turn.Member.Id, today, cancellationToken))?.Value));
        }

        var raw = turn.Member.MetricsOn(reportDate).ToDictionary(m => m.Key, m => submission.Value(m.Key));
        var plan = (submission.Value(CheckInMessages.PlanInput) ?? string.Empty)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.TrimStart('-', '*', '•', ' '))
            .ToList();
        var draft = new CheckInDraft(raw, plan, submission.Value(CheckInMessages.BlockersInput));
        return await SaveAsync(turn, reportDate, draft, fromForm: true, cancellationToken, submission.Values);
    }

    /// <summary>The report days a rep may still change, newest first (the current one, then the window before it).</summary>
    public IReadOnlyList<LocalDate> EditableDays(Turn turn, LocalDate current)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return CheckInEditWindow.Days(turn.Calendar, current, policy.EditWindowWorkingDays);
    }

    /// <summary>
    /// "fix Fri calls 14": a correction of one report day of the edit window. With no numbers, the card
    /// for that day, filled in; a day outside the window is refused and nothing is stored.
    /// </summary>
    public async Task<TurnResult> CorrectAsync(Turn turn, LocalDate reportDate, string numbers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var current = turn.Calendar.ReportDateFor(clock.GetCurrentInstant());
        if (!CheckInEditWindow.Allows(turn.Calendar, current, policy.EditWindowWorkingDays, reportDate))
        {
            return TurnResult.Reply(CheckInMessages.TooFarBack(reportDate, EditableDays(turn, current)));
        }

        if (string.IsNullOrWhiteSpace(numbers))
        {
            var existing = await checkIns.GetAsync(turn.Member.Id, reportDate, cancellationToken);
            return TurnResult.Reply(CheckInMessages.Form(turn.Member, reportDate, existing?.Value));
        }

        return await SaveAsync(turn, reportDate, CheckInLine.Parse(numbers, turn.Member.Metrics), fromForm: false, cancellationToken);
    }

    private async Task<TurnResult> SaveAsync(Turn turn, LocalDate reportDate, CheckInDraft draft, bool fromForm,
        CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? typed = null)
    {
        var now = clock.GetCurrentInstant();
        var existing = await checkIns.GetAsync(turn.Member.Id, reportDate, cancellationToken);
        if (!fromForm && existing is not null)
        {
            // A typed correction changes what it names: the numbers it leaves out keep their values.
            draft = draft with { RawValues = Unmentioned(turn.Member, existing.Value, draft.RawValues) };
        }

        var validation = CheckInRules.Validate(turn.Member.Id, reportDate, turn.Member.MetricsOn(reportDate), draft, now);
        if (validation.CheckIn is not { } checkIn)
        {
            var reply = OutboundMessage.Plain(CheckInMessages.Problems(validation.Errors));
            var replies = fromForm
                ? new[] { reply, CheckInMessages.Form(turn.Member, reportDate, null, typed, validation.Errors) }
                : [reply];
            return new TurnResult { Replies = replies, FieldErrors = validation.Errors };
        }

        // A second check-in for the day replaces the first but keeps when it was first submitted; the
        // version read here makes a concurrent save of the same day conflict instead of being lost.
        var stored = existing is null ? checkIn : checkIn with { SubmittedAt = existing.Value.SubmittedAt, UpdatedAt = now };
        if (!fromForm && existing is not null)
        {
            // A typed correction ("calls 14, meetings 1") is about the numbers: the plan and blockers it
            // does not mention stay as they were (the form shows them, so there an empty field means "none").
            stored = stored with
            {
                Plan = checkIn.Plan.Count == 0 ? existing.Value.Plan : checkIn.Plan,
                Blockers = checkIn.Blockers ?? existing.Value.Blockers,
            };
        }

        turn.Changes.PutCheckIn(stored, Expect.For(existing));
        var history = (await checkIns.ListForMemberAsync(turn.Member.Id, reportDate.PlusDays(-DetectedWins.HistoryDays), reportDate, cancellationToken))
            .Where(c => c.ReportDate != reportDate)
            .Append(stored)
            .OrderBy(c => c.ReportDate)
            .ToList();
        var outcome = CheckInOutcome.Evaluate(stored, stored.Metrics, history, turn.Calendar);
        await CelebrateAsync(turn, stored, outcome, cancellationToken);
        await proficiency.AfterCheckInAsync(turn, stored, history, cancellationToken);

        var saved = CheckInMessages.Saved(turn.Member, stored, outcome, existing is not null, existing?.Value);
        // The lag outcome beside the lead metrics: this month's deals against quota, when one is set.
        saved = QuotaProgress.AddTo(saved, await quotas.ForMonthAsync(turn.Member, Core.Metrics.LagOutcome.MonthOf(now, turn.Zone), cancellationToken));
        return new TurnResult { Replies = [saved], ReplacesSubmittedForm = fromForm ? saved : null };
    }

    private static Dictionary<string, string?> Unmentioned(Member member, CheckIn existing, IReadOnlyDictionary<string, string?> typed)
    {
        var raw = new Dictionary<string, string?>(typed, StringComparer.OrdinalIgnoreCase);
        foreach (var metric in member.Metrics.Where(m => !raw.ContainsKey(m.Key) && existing.Values.ContainsKey(m.Key)))
        {
            raw[metric.Key] = existing.Values[metric.Key].ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return raw;
    }

    /// <summary>
    /// Detected wins. Ids are per member, day and kind, so a corrected check-in never posts twice; posts
    /// about the numbers wait <see cref="DetectedWins.SettleTime"/> and are rebuilt before they go out.
    /// </summary>
    private async Task CelebrateAsync(Turn turn, CheckIn checkIn, CheckInOutcome outcome, CancellationToken cancellationToken)
    {
        foreach (var win in DetectedWins.From(turn.Member, checkIn, outcome))
        {
            var sendAt = DetectedWins.DependsOnNumbers(win) ? clock.GetCurrentInstant() + DetectedWins.SettleTime : (Instant?)null;
            await winPosts.CelebrateAsync(win, turn.Member, turn.Changes, cancellationToken, sendAt);
        }
    }
}
