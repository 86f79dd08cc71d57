using SalesBot.Conversations.Messages;
using SalesBot.Core.Organization;
using SalesBot.Core.Wins;

namespace SalesBot.Conversations.Flows;

/// <summary>
/// The "Log a win" card (Teams, playground) and modal (Slack): the kind, the account, the stages from
/// the team's pipeline, the amount of a deal, or the rep's own words.
/// </summary>
public static class WinForm
{
    public const string KindInput = "kind";
    public const string AccountInput = "account";
    public const string FromStageInput = "fromStage";
    public const string ToStageInput = "toStage";
    public const string AmountInput = "amount";

    /// <summary>The free-text input; its id is the one older cards and modals still send.</summary>
    public const string TextInput = "win";

    public const string Stage = "stage";
    public const string Meeting = "meeting";
    public const string Deal = "deal";
    public const string Other = "other";

    /// <summary>The largest amount the form's number input offers (the server checks it again).</summary>
    public const int MaxAmount = 1_000_000_000;

    public static OutboundMessage For(Team team, IReadOnlyDictionary<string, string>? typed = null, IReadOnlyDictionary<string, string>? errors = null)
    {
        ArgumentNullException.ThrowIfNull(team);
        string? Typed(string id) => typed is not null && typed.TryGetValue(id, out var v) && v.Length <= Win.MaxTextLength ? v : null;
        string? Error(string id) => errors is not null && errors.TryGetValue(id, out var e) ? e : null;
        var stages = team.Pipeline.Names.Select(n => new Choice(n, n)).ToList();
        return new OutboundMessage
        {
            Text = "Log a win: a prospect moved to the next stage, a meeting booked, a deal closed.",
            Blocks =
            [
                new Heading("Log a win"),
                new Paragraph("Every step that moves a prospect forward is worth celebrating. Pick the kind and fill in its fields, or just say it in your own words."),
            ],
            Form = new Form(WinFlow.SubmitVerb, "Log a win",
            [
                new ChoiceInput(KindInput, "What kind of win?",
                    [new Choice("🚀 Stage advanced", Stage), new Choice("📅 Meeting booked", Meeting), new Choice("🏆 Deal closed", Deal), new Choice("🎉 Something else", Other)],
                    Typed(KindInput), Required: false) { Error = Error(KindInput) },
                new Messages.TextInput(AccountInput, "Account", MaxLength: Win.MaxAccountLength, Value: Typed(AccountInput), Placeholder: "Acme") { Error = Error(AccountInput) },
                new ChoiceInput(FromStageInput, "From stage (stage advanced)", stages, Typed(FromStageInput), Required: false) { Error = Error(FromStageInput) },
                new ChoiceInput(ToStageInput, "To stage (stage advanced)", stages, Typed(ToStageInput), Required: false) { Error = Error(ToStageInput) },
                new NumberInput(AmountInput, "Amount (deal closed, optional)", 0, MaxAmount, Required: false) { Error = Error(AmountInput) },
                new Messages.TextInput(TextInput, "In your own words", MaxLength: Win.MaxTextLength, Value: Typed(TextInput),
                    Placeholder: "Got a warm referral from Globex") { Error = Error(TextInput) },
            ],
            "Share with the team"),
        };
    }
}
