using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using SalesBot.Channels.Teams.Activities;
using SalesBot.Channels.Teams.Cards;
using SalesBot.Channels.Teams.Tests.Infrastructure;
using SalesBot.Conversations.Flows;
using SalesBot.Conversations.Messages;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Metrics;
using SalesBot.Core.Organization;
using SalesBot.Core.Summaries;
using SalesBot.Core.Wins;

namespace SalesBot.Channels.Teams.Tests;

/// <summary>
/// The Adaptive Cards Teams receives, compared exactly with the files under <c>Golden/</c>.
/// Run with <c>UPDATE_GOLDEN=1</c> to rewrite them after an intended change, then review the diff.
/// </summary>
public sealed class GoldenCardTests
{
    private static readonly LocalDate Day = new(2026, 3, 9);
    private static readonly Team Team = new("team-west", "org-1", "West Sales", "America/New_York");

    private static readonly Member Ana = new()
    {
        Id = "m-ana",
        TeamId = Team.Id,
        DisplayName = "Ana Rep",
        Role = MemberRole.Hunter,
        StartDate = new LocalDate(2025, 1, 6),
        TimeZoneId = "America/New_York",
        Metrics = MetricCatalog.DefaultsFor(MemberRole.Hunter),
    };

    private static readonly Member Bo = Ana with { Id = "m-bo", DisplayName = "Bo <script>Seller</script>" };

    private static readonly CheckIn AnaCheckIn = new()
    {
        MemberId = Ana.Id,
        ReportDate = Day,
        Values = new Dictionary<string, int> { ["calls"] = 32, ["meetings"] = 4, ["proposals"] = 1 },
        Plan = ["Call Acme about renewal", "[Demo](http://evil.example) for Globex"],
        Blockers = "Need pricing sign-off",
        SubmittedAt = Instant.FromUtc(2026, 3, 10, 14, 0),
    };

    [Fact]
    public void A_number_typed_below_zero_in_the_card_is_answered_cant_be_negative_not_is_required()
    {
        var card = JsonSerializer.SerializeToNode(ActivityMapper.ToActivity(CheckInMessages.Form(Ana, Day), CardActionStyle.Execute), ActivityJson.Options)!;
        var calls = Descendants(card).OfType<JsonObject>().Single(e => e["id"] is JsonValue id && (string?)id == "calls");

        Assert.Equal(0, (int)calls["min"]!);
        Assert.StartsWith("Calls", (string)calls["errorMessage"]!, StringComparison.Ordinal);
        Assert.Contains("can't be negative: enter a whole number from 0 to 10,000.", (string)calls["errorMessage"]!, StringComparison.Ordinal);
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node) => node switch
    {
        JsonObject o => o.Where(p => p.Value is not null).SelectMany(p => Descendants(p.Value!)).Prepend(o),
        JsonArray a => a.Where(e => e is not null).SelectMany(e => Descendants(e!)).Prepend(a),
        _ => [node],
    };

    [Fact]
    public void Check_in_form() =>
        AssertGolden("checkin-form", ActivityMapper.ToActivity(CheckInMessages.Form(Ana, Day), CardActionStyle.Execute));

    [Fact]
    public void Check_in_saved_reply_as_the_read_only_card_that_replaces_the_form()
    {
        var outcome = CheckInOutcome.Evaluate(AnaCheckIn, Ana.Metrics, [AnaCheckIn]);
        AssertGolden("checkin-saved", AdaptiveCardRenderer.RenderReadOnly(CheckInMessages.Saved(Ana, AnaCheckIn, outcome, replaced: false)));
    }

    [Fact]
    public void Team_status()
    {
        var status = TeamStatus.For(Day, [Ana, Bo], [AnaCheckIn], m => m.Id == Ana.Id ? 5 : 0);
        AssertGolden("team-status", ActivityMapper.ToActivity(StatusFlow.Render(Team, status), CardActionStyle.Execute));
    }

    [Fact]
    public void Team_week_status_with_day_month_and_rep_buttons_within_the_card_size_limit() =>
        AssertGolden("team-week-status", ActivityMapper.ToActivity(SalesBot.Testing.StatusSamples.TeamWeek(), CardActionStyle.Execute));

    [Fact]
    public void One_reps_month_with_wins_open_blocker_and_what_they_will_try() =>
        AssertGolden("rep-month-status", ActivityMapper.ToActivity(SalesBot.Testing.StatusSamples.RepMonth(), CardActionStyle.Execute));

    public static TheoryData<string> ChartViews => new() { "team-week", "team-month", "rep-month" };

    [Theory]
    [MemberData(nameof(ChartViews))]
    public void A_status_view_with_its_chart_as_an_image_at_a_signed_link_within_the_card_size_limit(string view)
    {
        var message = view switch
        {
            "team-week" => SalesBot.Testing.StatusSamples.TeamWeek(),
            "team-month" => SalesBot.Testing.StatusSamples.TeamMonth(),
            _ => SalesBot.Testing.StatusSamples.RepMonth(),
        };

        var activity = ActivityMapper.ToActivity(message, CardActionStyle.Execute, SalesBot.Testing.ChartSamples.Links().UrlFor);

        var image = JsonSerializer.SerializeToNode(activity, ActivityJson.Options)!["attachments"]![0]!["content"]!["body"]!.AsArray()
            .Single(e => (string?)e!["type"] == "Image")!;
        Assert.StartsWith("https://salesbot.example.com/charts/", (string?)image["url"], StringComparison.Ordinal);
        AssertGolden($"{view}-status-chart", activity);
    }

    [Fact]
    public void Without_a_chart_address_the_card_leaves_the_chart_out_and_keeps_its_table()
    {
        var body = AdaptiveCardRenderer.Render(SalesBot.Testing.StatusSamples.TeamWeek(), CardActionStyle.Execute, _ => null)["body"]!.AsArray();

        Assert.DoesNotContain(body, e => (string?)e!["type"] == "Image");
        Assert.Contains(body, e => (string?)e!["type"] == "Table");
    }

    [Fact]
    public void Win_post()
    {
        var win = new Win { Id = "w1", MemberId = Ana.Id, TeamId = Team.Id, Kind = WinKind.StageAdvanced, Text = "Moved Acme to proposal <at>everyone</at>", At = AnaCheckIn.SubmittedAt };
        AssertGolden("win-post", ActivityMapper.ToActivity(WinPosts.Post(win, Ana), CardActionStyle.Execute));
    }

    [Fact]
    public void Win_form_with_the_teams_pipeline_stages() =>
        AssertGolden("win-form", ActivityMapper.ToActivity(WinForm.For(Team with { Pipeline = Core.Pipeline.PipelineStages.Of(["Lead", "Qualified", "Demo", "Proposal", "Closed won"]) }),
            CardActionStyle.Execute));

    [Fact]
    public void Win_form_sent_back_with_a_refused_stage_under_its_field() =>
        AssertGolden("win-form-refused", ActivityMapper.ToActivity(WinForm.For(Team,
            new Dictionary<string, string> { [WinForm.KindInput] = WinForm.Stage, [WinForm.AccountInput] = "Acme", [WinForm.FromStageInput] = "Proposal", [WinForm.ToStageInput] = "Discovery" },
            new Dictionary<string, string> { [WinForm.FromStageInput] = "Acme went from Proposal back to Discovery: that's not a step forward." }), CardActionStyle.Execute));

    [Theory]
    [InlineData("win-post-stage", WinKind.StageAdvanced, "Acme <at>everyone</at>", "Discovery", "Proposal", null)]
    [InlineData("win-post-deal", WinKind.DealClosed, "Contoso", null, null, 12000.0)]
    [InlineData("win-post-first-deal", WinKind.FirstDealOfMonth, "Contoso", null, null, 12000.0)]
    public void Win_posts_show_the_account_stages_and_amount(string golden, WinKind kind, string account, string? from, string? to, double? amount)
    {
        var win = new Win
        {
            Id = "w2", MemberId = Ana.Id, TeamId = Team.Id, Kind = kind, At = AnaCheckIn.SubmittedAt, Account = account, FromStage = from, ToStage = to, Amount = (decimal?)amount,
            Text = kind == WinKind.FirstDealOfMonth ? "First deal of March 2026: closed Contoso · $12,000." : "Got there after three calls",
        };
        AssertGolden(golden, ActivityMapper.ToActivity(WinPosts.Post(win, Ana with { Quota = new MonthlyQuota(4, 40000m, "$") }), CardActionStyle.Execute));
    }

    [Fact]
    public void Check_in_saved_with_the_months_quota_progress()
    {
        var outcome = CheckInOutcome.Evaluate(AnaCheckIn, Ana.Metrics, [AnaCheckIn]);
        var quota = new LagOutcome(Ana.Id, new YearMonth(2026, 3), 2, 18500m, new MonthlyQuota(4, 40000m, "$"));
        AssertGolden("checkin-saved-quota", AdaptiveCardRenderer.RenderReadOnly(QuotaProgress.AddTo(CheckInMessages.Saved(Ana, AnaCheckIn, outcome, replaced: false), quota)));
    }

    [Fact]
    public void Win_post_with_kudos_count_and_the_first_names()
    {
        var win = new Win { Id = "w1", MemberId = Ana.Id, TeamId = Team.Id, Kind = WinKind.StageAdvanced, Text = "Moved Acme to proposal", At = AnaCheckIn.SubmittedAt };
        var kudos = WinKudos.For(win);
        foreach (var name in new[] { "Ben", "Chloe", "Diego <b>D</b>", "Eve" })
        {
            kudos = kudos.Give(new KudosGiver("m-" + name, name, win.At)).Kudos;
        }

        AssertGolden("win-post-kudos", ActivityMapper.ToActivity(WinPosts.Post(win, Ana, kudos), CardActionStyle.Execute));
    }

    [Fact]
    public void The_teams_metric_plan_with_a_set_up_button_per_rep() =>
        AssertGolden("metrics-plan", ActivityMapper.ToActivity(SalesBot.Testing.MetricsSamples.TeamPlan(), CardActionStyle.Execute));

    [Fact]
    public void A_reps_metrics_form_with_a_target_input_per_metric() =>
        AssertGolden("metrics-form", ActivityMapper.ToActivity(SalesBot.Testing.MetricsSamples.RepForm(), CardActionStyle.Execute));

    [Fact]
    public void A_proficiency_nudge_with_its_two_one_click_choices() =>
        AssertGolden("proficiency-nudge", ActivityMapper.ToActivity(SalesBot.Testing.MetricsSamples.Nudge(), CardActionStyle.Execute));

    [Fact]
    public void Help_card_with_execute_buttons() =>
        AssertGolden("help", ActivityMapper.ToActivity(HelpFlow.For(Ana), CardActionStyle.Execute));

    [Fact]
    public void Time_away_form_with_date_inputs() =>
        AssertGolden("time-away-form", ActivityMapper.ToActivity(TimeAwayForm(), CardActionStyle.Execute));

    [Theory]
    [InlineData("""{"verb":"away.submit","from":"2026-03-16","back":"2026-03-20"}""")]
    [InlineData("""{"action":{"type":"Action.Execute","verb":"away.submit","data":{"from":"2026-03-16","back":"2026-03-20"}}}""")]
    public void A_submitted_date_reaches_the_flow_as_the_yyyy_MM_dd_string(string json)
    {
        using var document = JsonDocument.Parse(json);
        var submission = document.RootElement.TryGetProperty("action", out _)
            ? SubmissionReader.FromInvokeValue(document.RootElement)
            : SubmissionReader.FromMessageValue(document.RootElement);

        Assert.Equal("away.submit", submission!.Verb);
        Assert.Equal("2026-03-16", submission.Value("from"));
        Assert.Equal("2026-03-20", submission.Value("back"));
    }

    [Fact]
    public void A_date_that_is_not_yyyy_MM_dd_is_left_out_of_the_card_rather_than_sent_malformed()
    {
        var message = TimeAwayForm() with { Form = new Form("away.submit", "Time away", [new DateInput("from", "Away from", "16/03/2026", Min: "soon")], "Save") };

        var input = AdaptiveCardRenderer.Render(message, CardActionStyle.Submit)["body"]!.AsArray()
            .Single(e => e!["type"]!.GetValue<string>() == "Input.Date")!.AsObject();

        Assert.False(input.ContainsKey("value"));
        Assert.False(input.ContainsKey("min"));
    }

    /// <summary>A form like the time-away one: a required start date with a minimum and an optional, rejected end date.</summary>
    private static OutboundMessage TimeAwayForm() => new()
    {
        Text = "Time away: when are you out?",
        Blocks = [new Heading("Time away"), new Paragraph("Pick the first day you are away and the day you are back.")],
        Form = new Form("away.submit", "Time away", [
            new DateInput("from", "Away from", Value: "2026-03-16", Min: "2026-03-09"),
            new DateInput("back", "Back on", Min: "2026-03-09", Required: false) { Error = "Back on must be after away from." },
        ], "Save time away", new Dictionary<string, string> { ["memberId"] = Ana.Id }),
    };

    private static readonly JsonSerializerOptions Pretty = new(ActivityJson.Options)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static void AssertGolden(string name, object rendered)
    {
        var json = (rendered is JsonNode node ? node.ToJsonString(Pretty) : JsonSerializer.Serialize(rendered, Pretty)).ReplaceLineEndings("\n") + "\n";
        var path = Path.Combine(GoldenDirectory(), name + ".json");
        // Teams refuses a message over about 28 KB.
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(json) < 28 * 1024, $"{name} is {json.Length} characters, over Teams' message size.");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, json);
            return;
        }

        Assert.True(File.Exists(path), $"No golden file {path}; run the tests with UPDATE_GOLDEN=1 to create it.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), json);
    }

    private static string GoldenDirectory() => SourcePaths.Find("Golden");
}
