using SalesBot.Conversations.Messages;
using SalesBot.Core.Pipeline;
using SalesBot.Core.Wins;

namespace SalesBot.Conversations.Flows;

/// <summary>
/// Reads the "Log a win" form as the client sent it back. Every value is checked again here: a stage
/// that is not one of the team's, an amount out of range or an account too long is refused, whatever
/// the card or modal allowed.
/// </summary>
public static class WinSubmission
{
    /// <summary>The reading, and the input the problem belongs under when there is one.</summary>
    public static (WinReading Reading, string Field) Read(FormSubmission submission, PipelineStages pipeline)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(pipeline);
        string Value(string id) => submission.Value(id)?.Trim() ?? string.Empty;
        var kind = Value(WinForm.KindInput).ToLowerInvariant();
        var words = Value(WinForm.TextInput);
        var account = Value(WinForm.AccountInput);
        if (words.Length > Win.MaxTextLength)
        {
            return (WinReading.Refused(WinText.Problem(words)!), WinForm.TextInput);
        }

        if (account.Length > Win.MaxAccountLength)
        {
            return (WinReading.Refused($"Keep the account name under {Win.MaxAccountLength} characters."), WinForm.AccountInput);
        }

        if (kind.Length == 0)
        {
            // Older cards had only the words; a form with a stage chosen but no kind is a stage advance.
            kind = Value(WinForm.ToStageInput).Length > 0 ? WinForm.Stage : WinForm.Other;
        }

        switch (kind)
        {
            case WinForm.Stage:
                return Stage(Value(WinForm.FromStageInput), Value(WinForm.ToStageInput), account, words, pipeline);
            case WinForm.Meeting when account.Length == 0:
                return (WinReading.Refused("Which account is the meeting with?"), WinForm.AccountInput);
            case WinForm.Meeting:
                return (WinReading.Of(new WinDraft(WinKind.MeetingWon, Words(words, $"booked a meeting with {account}"), account)), string.Empty);
            case WinForm.Deal:
                return Deal(Value(WinForm.AmountInput), account, words);
            case WinForm.Other when WinText.Problem(words) is { } problem:
                return (WinReading.Refused(problem), WinForm.TextInput);
            case WinForm.Other:
                return (WinReading.Of(new WinDraft(WinKind.Other, words)), string.Empty);
            default:
                return (WinReading.Refused("Choose what kind of win it was: a stage advanced, a meeting booked, a deal closed or something else."), WinForm.KindInput);
        }
    }

    private static (WinReading, string) Stage(string from, string to, string account, string words, PipelineStages pipeline)
    {
        if (account.Length == 0)
        {
            return (WinReading.Refused("Which account moved?"), WinForm.AccountInput);
        }

        // A choice must come back as one of the team's stages exactly: the form offered nothing else.
        if (to.Length == 0 || pipeline.IndexOf(to) < 0)
        {
            return (WinReading.Refused(to.Length == 0 ? "Choose the stage it moved to." : $"That isn't one of your team's pipeline stages: {pipeline.Listed}."), WinForm.ToStageInput);
        }

        if (from.Length > 0 && pipeline.IndexOf(from) < 0)
        {
            return (WinReading.Refused($"That isn't one of your team's pipeline stages: {pipeline.Listed}."), WinForm.FromStageInput);
        }

        var reading = WinWords.Stage(null, account, from.Length == 0 ? null : from, to, pipeline);
        return reading.Draft is { } draft
            ? (WinReading.Of(draft with { Text = Words(words, draft.Text) }), string.Empty)
            : (reading, WinForm.FromStageInput);
    }

    private static (WinReading, string) Deal(string amountText, string account, string words)
    {
        if (account.Length == 0)
        {
            return (WinReading.Refused("Which account did you close?"), WinForm.AccountInput);
        }

        decimal? amount = null;
        if (amountText.Length > 0)
        {
            var (parsed, _, problem) = WinAmount.Parse(amountText);
            if (problem is not null)
            {
                return (WinReading.Refused(problem), WinForm.AmountInput);
            }

            amount = parsed;
        }

        return (WinReading.Of(new WinDraft(WinKind.DealClosed, Words(words, WinPosts.DealSentence(account, amount)), account, Amount: amount)), string.Empty);
    }

    private static string Words(string typed, string understood) => typed.Length > 0 ? typed : understood;
}
