using CsCheck;
using SalesBot.Core.Pipeline;
using SalesBot.Core.Wins;

namespace SalesBot.Core.Tests;

public sealed class PipelineAndWinWordsTests
{
    private static readonly PipelineStages Default = PipelineStages.Default;

    [Theory]
    [InlineData("moved Acme to proposal", "Acme", "Discovery", "Proposal")]
    [InlineData("Moved Acme to Proposal!", "Acme", "Discovery", "Proposal")]
    [InlineData("moved Acme from discovery to proposal", "Acme", "Discovery", "Proposal")]
    [InlineData("moved Acme from Lead to the negotiation stage", "Acme", "Lead", "Negotiation")]
    [InlineData("advanced Globex to qualified", "Globex", "Lead", "Qualified")]
    [InlineData("got Back to Basics Ltd to proposal", "Back to Basics Ltd", "Discovery", "Proposal")]
    [InlineData("moved the Initech account into closed won", "Initech account", "Negotiation", "Closed won")]
    [InlineData("moved Acme to lead", "Acme", null, "Lead")]
    public void A_stage_advance_in_plain_words_names_the_account_and_the_teams_stages(string text, string account, string? from, string to)
    {
        var draft = WinWords.Read(text, Default).Draft;

        Assert.NotNull(draft);
        Assert.Equal(WinKind.StageAdvanced, draft.Kind);
        Assert.Equal(account, draft.Account);
        Assert.Equal(from, draft.FromStage);
        Assert.Equal(to, draft.ToStage);
    }

    [Fact]
    public void The_stage_before_is_the_from_stage_of_a_custom_pipeline()
    {
        var pipeline = PipelineStages.Of(["Lead", "Qualified", "Demo", "Proposal", "Closed won"]);

        var draft = WinWords.Read("win moved Acme to demo".Replace("win ", string.Empty, StringComparison.Ordinal), pipeline).Draft!;

        Assert.Equal(("Qualified", "Demo"), (draft.FromStage, draft.ToStage));
    }

    [Theory]
    [InlineData("moved Acme to the moon")]
    [InlineData("moved Acme from Orbit to proposal")]
    public void An_unknown_stage_is_refused_politely_with_the_teams_stages(string text)
    {
        var reading = WinWords.Read(text, Default);

        Assert.Null(reading.Draft);
        Assert.Contains("isn't one of your team's pipeline stages", reading.Problem, StringComparison.Ordinal);
        Assert.Contains("Lead → Qualified → Discovery → Proposal → Negotiation → Closed won", reading.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("moved Acme from Proposal to Discovery", "back to Discovery")]
    [InlineData("moved Acme from proposal to proposal", "already in Proposal")]
    public void Moving_backwards_or_nowhere_is_not_a_win_and_says_so(string text, string said)
    {
        var reading = WinWords.Read(text, Default);

        Assert.Null(reading.Draft);
        Assert.Contains(said, reading.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("closed Contoso 12000", "Contoso", 12000)]
    [InlineData("closed Contoso $12,000", "Contoso", 12000)]
    [InlineData("Closed Acme, 40k!", "Acme", 40000)]
    [InlineData("signed the deal with Fabrikam for €1.5m", "Fabrikam", 1500000)]
    [InlineData("won Northwind worth 9,999.50", "Northwind", 9999.50)]
    [InlineData("closed-won Litware £800", "Litware", 800)]
    public void A_deal_closed_in_plain_words_has_its_account_and_amount(string text, string account, decimal amount)
    {
        var draft = WinWords.Read(text, Default).Draft!;

        Assert.Equal(WinKind.DealClosed, draft.Kind);
        Assert.Equal(account, draft.Account);
        Assert.Equal(amount, draft.Amount);
    }

    [Fact]
    public void A_deal_closed_without_an_amount_still_counts_as_a_deal()
    {
        var draft = WinWords.Read("closed Initech", Default).Draft!;

        Assert.Equal((WinKind.DealClosed, "Initech", (decimal?)null), (draft.Kind, draft.Account, draft.Amount));
    }

    [Theory]
    [InlineData("closed Contoso -500", "can't be negative")]
    [InlineData("closed Contoso $-500", "can't be negative")]
    [InlineData("closed Contoso 5000000000", "more than I can record")]
    public void A_negative_or_huge_amount_is_refused(string text, string said) =>
        Assert.Contains(said, WinWords.Read(text, Default).Problem, StringComparison.Ordinal);

    [Theory]
    [InlineData("booked a demo with Fabrikam", "Fabrikam")]
    [InlineData("booked a meeting with Globex for next Tuesday", "Globex")]
    [InlineData("won a demo with Contoso", "Contoso")]
    [InlineData("booked a demo", null)]
    public void A_meeting_booked_names_who_it_is_with(string text, string? account)
    {
        var draft = WinWords.Read(text, Default).Draft!;

        Assert.Equal((WinKind.MeetingWon, account), (draft.Kind, draft.Account));
    }

    [Fact]
    public void An_account_name_longer_than_the_limit_is_refused() =>
        Assert.Contains("account name", WinWords.Read($"closed {new string('a', Win.MaxAccountLength + 1)}", Default).Problem, StringComparison.Ordinal);

    [Fact]
    public void Any_text_is_either_read_or_refused_in_words_never_an_exception() =>
        Gen.String.Sample(text =>
        {
            var reading = WinWords.Read(text, Default);
            Assert.True(reading.Draft is not null ^ reading.Problem is not null);
            if (reading.Draft is { } draft)
            {
                Assert.True(draft.Account is null || draft.Account.Length <= Win.MaxAccountLength);
                Assert.True(draft.Amount is null or >= 0 and <= WinAmount.Max);
                Assert.True(draft.ToStage is null || Default.IndexOf(draft.ToStage) >= 0);
            }
        }, iter: 2000);

    [Fact]
    public void Any_stage_advance_phrasing_between_two_stages_is_read_forward_or_refused() =>
        Gen.Select(Gen.Int[0, Default.Names.Count - 1], Gen.Int[0, Default.Names.Count - 1], Gen.String.AlphaNumeric.Where(a => a.Length is > 0 and < 40),
                Gen.OneOf("moved", "advanced", "Moved", "pushed"))
            .Sample((from, to, account, verb) =>
            {
                var reading = WinWords.Read($"{verb} {account} from {Default.Names[from].ToLowerInvariant()} to {Default.Names[to]}", Default);
                if (to > from)
                {
                    Assert.Equal((account, Default.Names[from], Default.Names[to]), (reading.Draft!.Account, reading.Draft.FromStage, reading.Draft.ToStage));
                }
                else
                {
                    Assert.Null(reading.Draft);
                }
            }, iter: 500);

    [Theory]
    [InlineData(new[] { "Lead" }, "2 to 12 stages")]
    [InlineData(new[] { "Lead", "lead" }, "appears twice")]
    [InlineData(new[] { "Lead", "" }, "has no name")]
    [InlineData(new[] { "Lead", "A stage name that is far too long to read" }, "30 characters")]
    [InlineData(new[] { "Lead", "<!channel>" }, "characters I can't use")]
    public void A_pipeline_needs_two_to_twelve_unique_short_names(string[] names, string said) =>
        Assert.Contains(said, PipelineStages.Problem(names), StringComparison.Ordinal);

    [Fact]
    public void Thirteen_stages_are_too_many() =>
        Assert.NotNull(PipelineStages.Problem([.. Enumerable.Range(1, 13).Select(i => $"Stage {i}")]));

    [Fact]
    public void Pipelines_with_the_same_names_in_the_same_order_are_equal()
    {
        Assert.Equal(PipelineStages.Of(["Lead", "Won"]), PipelineStages.Of(["Lead", "Won"]));
        Assert.NotEqual(PipelineStages.Of(["Lead", "Won"]), PipelineStages.Of(["Won", "Lead"]));
    }
}
