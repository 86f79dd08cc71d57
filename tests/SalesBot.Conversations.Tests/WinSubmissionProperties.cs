using CsCheck;
using SalesBot.Conversations.Flows;
using SalesBot.Conversations.Messages;
using SalesBot.Core.Pipeline;
using SalesBot.Core.Wins;

namespace SalesBot.Conversations.Tests;

/// <summary>Whatever a client sends back in the win form, it is read into a valid win or refused in words. CsCheck prints the seed of a failure.</summary>
public sealed class WinSubmissionProperties
{
    private static readonly Gen<string> Field = Gen.OneOf(
        Gen.String,
        Gen.OneOf("", "stage", "meeting", "deal", "other", "Lead", "Proposal", "Closed won", "-5", "1e9", "12,000", "$40k", "99999999999999", " "),
        Gen.Int.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void A_submitted_win_form_is_a_valid_win_or_a_refusal_under_a_field_of_the_form() =>
        Gen.Select(Field, Field, Field, Field, Field, Field).Sample((kind, account, from, to, amount, words) =>
        {
            var values = new Dictionary<string, string>
            {
                [WinForm.KindInput] = kind, [WinForm.AccountInput] = account, [WinForm.FromStageInput] = from,
                [WinForm.ToStageInput] = to, [WinForm.AmountInput] = amount, [WinForm.TextInput] = words,
            };
            var (reading, field) = WinSubmission.Read(new FormSubmission(WinFlow.SubmitVerb, values), PipelineStages.Default);

            if (reading.Draft is { } draft)
            {
                Assert.False(string.IsNullOrWhiteSpace(draft.Text));
                Assert.True(draft.Text.Length <= Win.MaxTextLength);
                Assert.True(draft.Account is null || draft.Account.Length is > 0 and <= Win.MaxAccountLength);
                Assert.True(draft.Amount is null or >= 0 and <= WinAmount.Max);
                Assert.True(draft.ToStage is null || PipelineStages.Default.IndexOf(draft.ToStage) >= 0);
                Assert.True(draft.FromStage is null || PipelineStages.Default.IsForward(draft.FromStage, draft.ToStage!));
            }
            else
            {
                Assert.False(string.IsNullOrWhiteSpace(reading.Problem));
                Assert.Contains(field, values.Keys);
            }
        }, iter: 3000);
}
