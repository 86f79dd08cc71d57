using NodaTime;
using SalesBot.Conversations.Flows;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Pipeline;
using SalesBot.Core.Wins;
using SalesBot.Testing;

namespace SalesBot.Conversations.Tests;

/// <summary>Small wins along the pipeline: stage advances, meetings and deals, in words and through the form.</summary>
public sealed class PipelineWinTests : IAsyncLifetime
{
    private static readonly string[] FirstDealPosts =
        [.. new[] { "🏆 Ava closed Contoso · 12,000", "🥇 Ava: First deal of November 2026: closed Contoso · 12,000.", "🏆 Ava closed Fabrikam" }.Order()];

    private TestBot _bot = null!;

    public async Task InitializeAsync()
    {
        _bot = await TestBot.StartWithSmallTeamAsync();
        await _bot.RememberConversationAsync(RecipientKind.Team, TestData.TeamId, "team-channel");
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private Task<IReadOnlyList<Win>> WinsAsync(string memberId = "rep-1") =>
        _bot.InScopeAsync<IWinStore, IReadOnlyList<Win>>(w => w.ListForMemberAsync(memberId, Instant.MinValue, Instant.MaxValue));

    private Task<OutboxMessage?> PostAsync(string key) => _bot.InScopeAsync<IOutbox, OutboxMessage?>(o => o.GetAsync(key));

    private async Task<IReadOnlyList<string>> PostedAsync()
    {
        await _bot.DispatchOutboxAsync();
        return [.. _bot.Messenger.Sent.Select(s => s.Message.Text)];
    }

    [Fact]
    public async Task A_stage_advance_in_plain_words_is_stored_with_its_stages_and_posted_by_name()
    {
        var result = await _bot.SayAsync("win moved Acme to proposal", eventId: "e1");

        var win = Assert.Single(await WinsAsync());
        Assert.Equal((WinKind.StageAdvanced, "Acme", "Discovery", "Proposal"), (win.Kind, win.Account, win.FromStage, win.ToStage));
        Assert.Contains("You moved Acme from Discovery to Proposal.", result.AllText(), StringComparison.Ordinal);
        Assert.Equal(["🚀 Ava moved Acme from Discovery to Proposal"], await PostedAsync());
    }

    [Theory]
    [InlineData("win moved Acme to the moon", "isn't one of your team's pipeline stages: Lead → Qualified → Discovery → Proposal → Negotiation → Closed won")]
    [InlineData("win moved Acme from Proposal to Discovery", "not a step forward")]
    [InlineData("win closed Contoso -12000", "can't be negative")]
    public async Task A_win_that_cannot_be_true_is_refused_politely_and_stores_nothing(string text, string said)
    {
        var result = await _bot.SayAsync(text);

        Assert.Contains(said, result.AllText(), StringComparison.Ordinal);
        Assert.Empty(await WinsAsync());
        Assert.Empty(await PostedAsync());
    }

    [Fact]
    public async Task A_manager_sets_the_pipeline_and_reps_advance_through_the_new_stages()
    {
        var set = await _bot.SayAsync("pipeline Lead, Qualified, Demo, Proposal, Closed won", "manager-1");
        var shown = await _bot.SayAsync("pipeline");
        var moved = await _bot.SayAsync("win moved Acme to demo");
        var old = await _bot.SayAsync("win moved Globex to discovery");

        Assert.Contains("Lead → Qualified → Demo → Proposal → Closed won", set.AllText(), StringComparison.Ordinal);
        Assert.Contains("Lead → Qualified → Demo → Proposal → Closed won", shown.AllText(), StringComparison.Ordinal);
        Assert.Contains("from Qualified to Demo", moved.AllText(), StringComparison.Ordinal);
        Assert.Contains("isn't one of your team's pipeline stages", old.AllText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rep-1", "pipeline Lead, Won", "Your manager sets")]
    [InlineData("manager-1", "pipeline Lead", "separated by commas")]
    [InlineData("manager-1", "pipeline Lead, lead, Won", "appears twice")]
    [InlineData("manager-1", "pipeline 1,2,3,4,5,6,7,8,9,10,11,12,13", "2 to 12 stages")]
    public async Task Only_a_manager_sets_a_pipeline_and_only_a_sensible_one(string who, string text, string said)
    {
        var result = await _bot.SayAsync(text, who);

        Assert.Contains(said, result.AllText(), StringComparison.Ordinal);
        var team = await _bot.InScopeAsync<IOrganizationStore, Stored<Core.Organization.Team>?>(o => o.GetTeamAsync(TestData.TeamId));
        Assert.Equal(PipelineStages.Default, team!.Value.Pipeline);
    }

    [Fact]
    public async Task The_form_offers_the_teams_stages_and_logs_a_stage_advance()
    {
        var form = Assert.Single((await _bot.SayAsync("win")).Replies).Form!;
        var toStage = Assert.IsType<Messages.ChoiceInput>(form.Inputs.Single(i => i.Id == WinForm.ToStageInput));

        await _bot.SubmitAsync(WinFlow.SubmitVerb, new Dictionary<string, string>
        {
            [WinForm.KindInput] = WinForm.Stage, [WinForm.AccountInput] = "Acme", [WinForm.FromStageInput] = "Qualified", [WinForm.ToStageInput] = "Proposal",
        });

        Assert.Equal(PipelineStages.Default.Names, toStage.Choices.Select(c => c.Value));
        var win = Assert.Single(await WinsAsync());
        Assert.Equal(("Acme", "Qualified", "Proposal"), (win.Account, win.FromStage, win.ToStage));
    }

    public static TheoryData<string, Dictionary<string, string>> ForgedSubmissions => new()
    {
        { WinForm.ToStageInput, new() { ["kind"] = "stage", ["account"] = "Acme", ["toStage"] = "Closed won'; DROP TABLE wins" } },
        { WinForm.FromStageInput, new() { ["kind"] = "stage", ["account"] = "Acme", ["fromStage"] = "Orbit", ["toStage"] = "Proposal" } },
        { WinForm.FromStageInput, new() { ["kind"] = "stage", ["account"] = "Acme", ["fromStage"] = "Negotiation", ["toStage"] = "Proposal" } },
        { WinForm.AmountInput, new() { ["kind"] = "deal", ["account"] = "Contoso", ["amount"] = "-5" } },
        { WinForm.AmountInput, new() { ["kind"] = "deal", ["account"] = "Contoso", ["amount"] = "99999999999999" } },
        { WinForm.AmountInput, new() { ["kind"] = "deal", ["account"] = "Contoso", ["amount"] = "1e9" } },
        { WinForm.AccountInput, new() { ["kind"] = "deal", ["account"] = new string('x', Win.MaxAccountLength + 1) } },
        { WinForm.AccountInput, new() { ["kind"] = "meeting", ["account"] = " " } },
        { WinForm.KindInput, new() { ["kind"] = "promotion", ["win"] = "I got promoted" } },
        { WinForm.TextInput, new() { ["kind"] = "other", ["win"] = new string('y', Win.MaxTextLength + 1) } },
    };

    [Theory]
    [MemberData(nameof(ForgedSubmissions))]
    public async Task A_forged_or_impossible_form_is_refused_under_its_field_and_stores_nothing(string field, Dictionary<string, string> values)
    {
        var result = await _bot.SubmitAsync(WinFlow.SubmitVerb, values);

        Assert.Contains(field, result.FieldErrors.Keys);
        Assert.Contains("Nothing was logged", result.AllText(), StringComparison.Ordinal);
        Assert.Empty(await WinsAsync());
        Assert.Empty(await PostedAsync());
    }

    [Fact]
    public async Task A_form_from_before_the_kinds_with_only_words_still_logs_a_win()
    {
        await _bot.SubmitAsync(WinFlow.SubmitVerb, new Dictionary<string, string> { ["win"] = "Got a warm referral from Globex" });

        Assert.Equal(WinKind.Other, Assert.Single(await WinsAsync()).Kind);
    }

    [Fact]
    public async Task A_deal_closed_with_an_amount_is_the_months_first_deal_and_is_posted_once()
    {
        await _bot.SayAsync("win closed Contoso $12,000", eventId: "deal-1");
        await _bot.SayAsync("win closed Contoso $12,000", eventId: "deal-1"); // the channel delivered it twice
        _bot.Clock.AdvanceHours(1);
        await _bot.SayAsync("win closed Fabrikam", eventId: "deal-2");

        var wins = await WinsAsync();
        Assert.Equal([12000m, null], wins.Where(w => w.Kind == WinKind.DealClosed).Select(w => w.Amount));
        Assert.Single(wins, w => w.Kind == WinKind.FirstDealOfMonth);
        Assert.Equal(FirstDealPosts, (await PostedAsync()).Order());
    }

    [Fact]
    public async Task The_first_deal_of_the_month_is_counted_in_the_reps_own_zone_across_the_month_boundary()
    {
        // 30 Nov 12:00 UTC is already 1 Dec 01:00 in Auckland; a deal on 29 Nov 23:00 there was November's.
        _bot.Clock.Reset(Instant.FromUtc(2026, 11, 29, 10, 0));
        await _bot.WithMembersAsync(
            MemberBuilder.ARep("rep-nz").WithName("Nia").InZone("Pacific/Auckland"),
            MemberBuilder.ARep("rep-ny").WithName("Noah").InZone("America/New_York"));
        await _bot.SayAsync("win closed Kiwi Foods 5000", "rep-nz");
        await _bot.SayAsync("win closed Empire Co 5000", "rep-ny");

        _bot.Clock.Reset(Instant.FromUtc(2026, 11, 30, 12, 0));
        await _bot.SayAsync("win closed Harbour Bank 8000", "rep-nz");
        await _bot.SayAsync("win closed Liberty Ltd 8000", "rep-ny");
        _bot.Clock.AdvanceHours(2);
        await _bot.SayAsync("win closed Tui Media 1000", "rep-nz");

        Assert.NotNull(await PostAsync("win:detected:rep-nz:2026-11:first-deal"));
        Assert.NotNull(await PostAsync("win:detected:rep-nz:2026-12:first-deal"));
        Assert.NotNull(await PostAsync("win:detected:rep-ny:2026-11:first-deal"));
        Assert.Null(await PostAsync("win:detected:rep-ny:2026-12:first-deal"));
        var december = Assert.Single(await WinsAsync("rep-nz"), w => w.Kind == WinKind.FirstDealOfMonth && w.Id.EndsWith("2026-12:first-deal", StringComparison.Ordinal));
        Assert.Equal("First deal of December 2026: closed Harbour Bank · 8,000.", december.Text);
        Assert.Equal(2, (await WinsAsync("rep-nz")).Count(w => w.Kind == WinKind.FirstDealOfMonth));
    }
}
