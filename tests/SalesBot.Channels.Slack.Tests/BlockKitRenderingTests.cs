using System.Text.Json.Nodes;
using SalesBot.Channels.Slack.Rendering;
using SalesBot.Channels.Slack.Tests.Infrastructure;
using SalesBot.Conversations.Messages;

namespace SalesBot.Channels.Slack.Tests;

public sealed class BlockKitRenderingTests
{
    [Fact]
    public void A_status_summary_renders_heading_facts_table_bullets_and_buttons()
    {
        var message = new OutboundMessage
        {
            Text = "Sales team: 2 of 3 checked in for Tue 17 Nov.",
            Blocks =
            [
                new Heading("Sales team · check-ins for Tue 17 Nov"),
                new Paragraph("2 of 3 checked in for Tue 17 Nov. Not yet: Bo."),
                new FactList([new Fact("Calls", "32 / 30 ✅"), new Fact("Meetings booked", "2 / 3 (1 to go)")]),
                new Table(["Rep", "Targets met", "Streak"], [["Ana", "3/3", "12"], ["Cy <3", "1/3", "2"], ["Bo", "not checked in", "0"]]),
                new Paragraph("Blockers to help with:"),
                new BulletList(["Ana: legal review on Acme & Co", "Cy: <!here> pricing sign-off"]),
                new Paragraph("Spotted by SalesBot.", Subtle: true),
            ],
            Actions = [new ActionButton("Check in", "checkin.open", Primary: true), new ActionButton("Status", "status", new Dictionary<string, string> { ["scope"] = "week" })],
        };

        Golden.Verify("status-summary-message", BlockKitMessageRenderer.Message(message));
    }

    [Fact]
    public void The_team_week_status_renders_within_slacks_block_limits()
    {
        var rendered = BlockKitMessageRenderer.Message(SalesBot.Testing.StatusSamples.TeamWeek());

        Assert.InRange(rendered["blocks"]!.AsArray().Count, 1, BlockKitLimits.MessageBlocks);
        Golden.Verify("status-week-message", rendered);
    }

    [Fact]
    public void One_reps_month_renders_within_slacks_block_limits()
    {
        var rendered = BlockKitMessageRenderer.Message(SalesBot.Testing.StatusSamples.RepMonth());

        Assert.InRange(rendered["blocks"]!.AsArray().Count, 1, BlockKitLimits.MessageBlocks);
        Golden.Verify("status-rep-message", rendered);
    }

    public static TheoryData<string> ChartViews => new() { "team-week", "team-month", "rep-month" };

    [Theory]
    [MemberData(nameof(ChartViews))]
    public void A_status_view_shows_its_chart_as_an_image_block_at_a_signed_link_within_slacks_limits(string view)
    {
        var message = view switch
        {
            "team-week" => SalesBot.Testing.StatusSamples.TeamWeek(),
            "team-month" => SalesBot.Testing.StatusSamples.TeamMonth(),
            _ => SalesBot.Testing.StatusSamples.RepMonth(),
        };

        var rendered = BlockKitMessageRenderer.Message(message, SalesBot.Testing.ChartSamples.Links().UrlFor);

        var blocks = rendered["blocks"]!.AsArray();
        Assert.InRange(blocks.Count, 1, BlockKitLimits.MessageBlocks);
        var image = blocks.Single(b => (string?)b!["type"] == "image")!;
        Assert.StartsWith("https://salesbot.example.com/charts/", (string?)image["image_url"], StringComparison.Ordinal);
        Assert.InRange(((string?)image["image_url"])!.Length, 1, BlockKitLimits.ImageUrl);
        Assert.False(string.IsNullOrWhiteSpace((string?)image["alt_text"]));
        // Slack refuses messages whose blocks come near 13 KB (msg_blocks_too_long).
        Assert.True(blocks.ToJsonString().Length < 12_000, $"{view}: blocks are {blocks.ToJsonString().Length} characters");
        Golden.Verify($"status-{view}-chart-message", rendered);
    }

    [Fact]
    public void Without_a_chart_address_the_message_leaves_the_chart_out_and_keeps_its_table()
    {
        var blocks = BlockKitMessageRenderer.Message(SalesBot.Testing.StatusSamples.TeamWeek(), _ => null)["blocks"]!.AsArray();

        Assert.DoesNotContain(blocks, b => (string?)b!["type"] == "image");
        Assert.Contains(blocks, b => ((string?)b!["text"]?["text"])?.StartsWith("```", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void The_teams_metric_plan_renders_within_slacks_block_limits()
    {
        var rendered = BlockKitMessageRenderer.Message(SalesBot.Testing.MetricsSamples.TeamPlan());

        Assert.InRange(rendered["blocks"]!.AsArray().Count, 1, BlockKitLimits.MessageBlocks);
        Golden.Verify("metrics-plan-message", rendered);
    }

    [Fact]
    public void A_reps_metrics_form_renders_as_a_modal_with_a_number_input_per_metric()
    {
        var message = SalesBot.Testing.MetricsSamples.RepForm();

        var modal = BlockKitViewRenderer.Modal(message, new ModalMetadata("D0DIRECT1", null, message.Form!.Data!));

        Assert.InRange(modal["blocks"]!.AsArray().Count, 1, BlockKitLimits.ViewBlocks);
        Golden.Verify("metrics-modal", modal);
    }

    [Fact]
    public void A_proficiency_nudge_renders_its_two_choices_as_buttons()
    {
        var rendered = BlockKitMessageRenderer.Message(SalesBot.Testing.MetricsSamples.Nudge());

        Assert.Equal(2, rendered["blocks"]!.AsArray().Single(b => b!["type"]!.ToString() == "actions")!["elements"]!.AsArray().Count);
        Golden.Verify("proficiency-nudge-message", rendered);
    }

    [Fact]
    public void A_reflection_form_renders_as_a_modal_with_text_and_choice_inputs()
    {
        var message = new OutboundMessage
        {
            Text = "Time to reflect on November 2026.",
            Blocks = [new Heading("Monthly reflection · November 2026"), new Paragraph("Last month you said you'd try: \"call earlier\".")],
            Form = new Form("reflect.submit", "Reflection · November 2026", [
                new TextInput("worked", "What worked?", Multiline: true, MaxLength: 1000, Value: "Morning call blocks", Required: true),
                new ChoiceInput("mood", "How did it feel?", [new Choice("Great", "great"), new Choice("Hard", "hard")], Value: "hard"),
                new NumberInput("deals", "Deals closed", 0, 50, Value: 2, Required: false),
            ], "Save reflection", new Dictionary<string, string> { ["month"] = "2026-11" }),
        };

        Golden.Verify("reflection-modal", BlockKitViewRenderer.Modal(message, new ModalMetadata("D0DIRECT1", "1700000000.000200", message.Form!.Data!)));
    }

    [Fact]
    public void A_time_away_form_renders_its_dates_as_datepickers_in_input_blocks()
    {
        var message = new OutboundMessage
        {
            Text = "Time away: when are you out?",
            Blocks = [new Heading("Time away"), new Paragraph("Pick the first day you are away and the day you are back.")],
            Form = new Form("away.submit", "Time away", [
                new DateInput("from", "Away from", Value: "2026-11-23", Min: "2026-11-18"),
                new DateInput("back", "Back on", Min: "2026-11-18", Required: false),
            ], "Save time away", new Dictionary<string, string> { ["kind"] = "vacation" }),
        };

        Golden.Verify("time-away-modal", BlockKitViewRenderer.Modal(message, new ModalMetadata("D0DIRECT1", null, message.Form!.Data!)));
    }

    [Fact]
    public void A_date_that_is_not_yyyy_MM_dd_is_not_sent_as_the_initial_date()
    {
        var message = new OutboundMessage
        {
            Text = "Time away",
            Form = new Form("away.submit", "Time away", [new DateInput("from", "Away from", Value: "23/11/2026")], "Save"),
        };

        var element = BlockKitViewRenderer.Modal(message, new ModalMetadata(null, null, new Dictionary<string, string>()))["blocks"]!.AsArray()
            .Single(b => b!["type"]!.ToString() == "input")!["element"]!.AsObject();

        Assert.Equal("datepicker", element["type"]!.ToString());
        Assert.False(element.ContainsKey("initial_date"));
    }

    [Fact]
    public void A_button_carries_date_inputs_with_their_value_and_minimum()
    {
        var message = new OutboundMessage
        {
            Text = "Time away",
            Form = new Form("away.submit", "Time away", [new DateInput("from", "Away from", "2026-11-23", "2026-11-18"), new DateInput("back", "Back on", Required: false)], "Save"),
        };

        var carried = ButtonValue.Parse(ButtonValue.ForForm(message), "x").FormMessage!.Form!;

        Assert.Equal(message.Form.Inputs, carried.Inputs);
    }

    [Fact]
    public void A_form_in_a_message_becomes_a_button_carrying_the_form()
    {
        var message = new OutboundMessage
        {
            Text = "Log a win",
            Form = new Form("win.submit", "Log a win", [new TextInput("win", "What happened?", Required: true)], "Share with the team"),
        };

        var blocks = BlockKitMessageRenderer.Message(message)["blocks"]!.AsArray();

        var button = blocks[^1]!["elements"]![0]!;
        Assert.Equal(BlockKitMessageRenderer.OpenFormActionId, button["action_id"]!.ToString());
        var carried = ButtonValue.Parse(button["value"]!.ToString(), "x");
        Assert.Equal("win.submit", carried.FormMessage!.Form!.Verb);
    }

    [Fact]
    public void A_form_too_big_for_a_button_is_carried_as_its_open_verb()
    {
        var inputs = Enumerable.Range(0, 40).Select(i => (FormInput)new TextInput($"field{i}", new string('x', 60))).ToList();
        var message = new OutboundMessage { Text = "Big", Form = new Form("reflect.submit", "Big", inputs, "Save") };

        var value = ButtonValue.Parse(ButtonValue.ForForm(message), "x");

        Assert.Null(value.FormMessage);
        Assert.Equal("reflect.open", value.Verb);
    }

    [Theory]
    [InlineData("<!channel> hi", "&lt;!channel&gt; hi")]
    [InlineData("<!here|here> & <!everyone>", "&lt;!here|here&gt; &amp; &lt;!everyone&gt;")]
    [InlineData("see <http://evil.example|your bonus>", "see &lt;http://evil.example|your bonus&gt;")]
    [InlineData("ping <@U123> and <#C1>", "ping &lt;@U123&gt; and &lt;#C1&gt;")]
    [InlineData("a &amp; b", "a &amp;amp; b")]
    public void User_text_is_escaped_so_it_can_neither_mention_nor_link(string typed, string expected)
    {
        var section = BlockKitMessageRenderer.Section(typed);

        Assert.Equal(expected, section["text"]!["text"]!.ToString());
        Assert.True(section["text"]!["verbatim"]!.GetValue<bool>());
    }

    [Fact]
    public void Truncation_never_cuts_an_escape_or_an_emoji_in_half()
    {
        var text = Mrkdwn.EscapeWithin(new string('a', 8) + "&🎉", 12);

        Assert.Equal("aaaaaaaa…", text);
        Assert.Equal("aaaaaaaa&amp;🎉", Mrkdwn.EscapeWithin(new string('a', 8) + "&🎉", 15));
    }

    [Fact]
    public void A_message_with_too_many_blocks_keeps_its_buttons_and_stays_within_fifty()
    {
        var message = new OutboundMessage
        {
            Text = "Long",
            Blocks = Enumerable.Range(0, 80).Select(i => (MessageBlock)new Paragraph($"Line {i}")).ToList(),
            Actions = [new ActionButton("Check in", "checkin.open")],
        };

        var blocks = BlockKitMessageRenderer.Message(message)["blocks"]!.AsArray();

        Assert.Equal(BlockKitLimits.MessageBlocks, blocks.Count);
        Assert.Equal("actions", blocks[^1]!["type"]!.ToString());
        Assert.Equal("context", blocks[^2]!["type"]!.ToString());
    }

    [Fact]
    public void Long_texts_are_cut_to_slacks_limits()
    {
        var message = new OutboundMessage
        {
            Text = new string('t', 5000),
            Blocks = [new Heading(new string('h', 400)), new Paragraph(new string('<', 2000)), new FactList(Enumerable.Range(0, 14).Select(i => new Fact($"F{i}", new string('v', 2500))).ToList())],
            Actions = [new ActionButton(new string('b', 100), new string('v', 300))],
            Form = new Form("x.submit", new string('T', 40), [new NumberInput("n", new string('l', 3000), 0, 5)], new string('S', 40)),
        };

        var rendered = BlockKitMessageRenderer.Message(message);
        var blocks = rendered["blocks"]!.AsArray();
        var modal = BlockKitViewRenderer.Modal(message, new ModalMetadata(null, null, new Dictionary<string, string> { ["big"] = new string('d', 5000) }));

        Assert.True(rendered["text"]!.ToString().Length <= BlockKitLimits.MessageText);
        Assert.Equal(BlockKitLimits.HeaderText, blocks[0]!["text"]!["text"]!.ToString().Length);
        Assert.True(blocks[1]!["text"]!["text"]!.ToString().Length <= BlockKitLimits.SectionText);
        Assert.Equal(10, blocks[2]!["fields"]!.AsArray().Count);
        Assert.Equal(4, blocks[3]!["fields"]!.AsArray().Count);
        Assert.All(blocks[2]!["fields"]!.AsArray(), f => Assert.True(f!["text"]!.ToString().Length <= BlockKitLimits.FieldText));
        var buttons = blocks[^1]!["elements"]!.AsArray();
        Assert.All(buttons, b => Assert.True(b!["text"]!["text"]!.ToString().Length <= BlockKitLimits.ButtonText));
        Assert.All(buttons, b => Assert.True(b!["action_id"]!.ToString().Length <= BlockKitLimits.Id));
        Assert.All(buttons, b => Assert.True(b!["value"]!.ToString().Length <= BlockKitLimits.ButtonValue));
        Assert.Equal(BlockKitLimits.ViewTitle, modal["title"]!["text"]!.ToString().Length);
        Assert.Equal(BlockKitLimits.ViewTitle, modal["submit"]!["text"]!.ToString().Length);
        Assert.True(modal["private_metadata"]!.ToString().Length <= BlockKitLimits.PrivateMetadata);
        Assert.True(modal["blocks"]!.AsArray()[^1]!["label"]!["text"]!.ToString().Length <= BlockKitLimits.InputLabel);
    }

    [Fact]
    public void Field_errors_land_under_their_inputs_and_whole_form_errors_under_the_first()
    {
        var errors = BlockKitViewRenderer.Errors(["calls", "meetings"], new Dictionary<string, string>
        {
            [""] = "I didn't get any numbers.",
            ["meetings"] = "Meetings booked: can't be negative.",
        });

        Assert.Equal(
            """{"response_action":"errors","errors":{"meetings":"Meetings booked: can't be negative.","calls":"I didn't get any numbers."}}""",
            errors.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public void Slack_markup_in_a_direct_message_becomes_readable_plain_text()
    {
        Assert.Equal("win @ana moved @channel Acme to proposal (http://x) & more",
            Inbound.SlackText.ToPlain("win <@U1|ana> moved <!channel> Acme to <http://x|proposal> &amp; more"));
    }

    [Theory]
    [InlineData("/checkin", "", "check in")]
    [InlineData("/checkin", "calls 32, meetings 4", "check in calls 32, meetings 4")]
    [InlineData("/win", "closed Acme &amp; Co", "win closed Acme & Co")]
    [InlineData("/reflect", "", "reflect")]
    [InlineData("/salesbot", "status", "status")]
    [InlineData("/salesbot", "", "help")]
    public void Slash_commands_read_as_the_typed_commands_they_stand_for(string command, string text, string expected) =>
        Assert.Equal(expected, Inbound.SlashCommandText.ToCommand(command, text));
}
