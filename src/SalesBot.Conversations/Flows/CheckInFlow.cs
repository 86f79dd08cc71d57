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
public sealed class CheckInFlow(ICheckInStore checkIns, WinPosts winPosts, ProficiencyNudges proficiency, IClock clock) : IFlow
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

        // The form carries the day it was made for, so a card answered after midnight still reports on
        // its day. The date is echoed back by the client, so only today's report day and the one before
        // it are taken: nobody can invent history or a streak by editing the card's data.
        var reportDate = Dates.ParseIso(submission.Value(CheckInMessages.ReportDateField)) ?? today;
        if (reportDate != today && reportDate != turn.Calendar.ReportDateFor(today))
        {
            return TurnResult.Reply(
                OutboundMessage.Plain(CheckInMessages.TooFarBack(reportDate, today)),
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

    private async Task<TurnResult> SaveAsync(Turn turn, LocalDate reportDate, CheckInDraft draft, bool fromForm,
        CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? typed = null)
    {
        var now = clock.GetCurrentInstant();
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
        var existing = await checkIns.GetAsync(turn.Member.Id, reportDate, cancellationToken);
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
        return new TurnResult { Replies = [saved], ReplacesSubmittedForm = fromForm ? saved : null };
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
