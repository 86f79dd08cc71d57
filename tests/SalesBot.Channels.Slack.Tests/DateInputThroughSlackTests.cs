using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SalesBot.Channels.Slack.Inbound.Payloads;
using SalesBot.Channels.Slack.Rendering;
using SalesBot.Channels.Slack.Tests.Infrastructure;
using SalesBot.Conversations.Flows;
using SalesBot.Conversations.Messages;

namespace SalesBot.Channels.Slack.Tests;

/// <summary>A modal with date pickers, submitted through the real interactivity endpoint, reaches its flow as yyyy-MM-dd strings.</summary>
public sealed class DateInputThroughSlackTests : IAsyncLifetime
{
    private readonly RecordingFlow _flow = new();
    private FakeSlackApi _api = null!;
    private SlackApp _app = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeSlackApi.StartAsync();
        _app = await SlackApp.StartAsync(_api, testServices: services => services.AddScoped<IFlow>(_ => _flow));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task A_picked_date_arrives_as_yyyy_MM_dd_and_an_unpicked_optional_date_is_absent()
    {
        var message = new OutboundMessage
        {
            Text = "Time away",
            Form = new Form(RecordingFlow.Verb, "Time away", [
                new DateInput("from", "Away from", Value: "2026-11-23"),
                new DateInput("back", "Back on", Required: false),
            ], "Save", new Dictionary<string, string> { ["kind"] = "vacation" }),
        };
        var modal = BlockKitViewRenderer.Modal(message, new ModalMetadata(FakeSlackApi.DirectChannel, null, message.Form!.Data!));

        var response = await _app.SendAsync(_app.Requests.Interaction(_app.Requests.Submission(modal, new Dictionary<string, string> { ["from"] = "2026-11-24" }, viewId: "V0AWAY")));
        await _app.WhenIdleAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var submission = Assert.Single(_flow.Submissions);
        Assert.Equal(RecordingFlow.Verb, submission.Verb);
        Assert.Equal("2026-11-24", submission.Value("from"));
        Assert.Null(submission.Value("back"));
        Assert.Equal("vacation", submission.Value("kind"));
        Assert.Contains(_api.CallsTo("chat.postMessage"), c => c.Arg("text") == "Away from 2026-11-24");
    }

    [Fact]
    public void The_view_state_of_a_datepicker_is_read_from_selected_date()
    {
        var view = JsonNode.Parse("""
            {"id":"V1","callback_id":"away.submit","state":{"values":{
              "from":{"from":{"type":"datepicker","selected_date":"2026-11-24"}},
              "back":{"back":{"type":"datepicker","selected_date":null}},
              "note":{"note":{"type":"plain_text_input","value":"Skiing"}}}}}
            """)!.AsObject();

        var parsed = SlackView.From(view);

        Assert.Equal(new Dictionary<string, string> { ["from"] = "2026-11-24", ["note"] = "Skiing" }, parsed.Values);
        Assert.Equal(["from", "back", "note"], parsed.BlockIds);
    }

    private sealed class RecordingFlow : IFlow
    {
        public const string Verb = "test.away.submit";

        public ConcurrentQueue<FormSubmission> Submissions { get; } = new();

        public IReadOnlyList<string> Commands { get; } = [];

        public IReadOnlyList<string> Verbs { get; } = [Verb];

        public Task<TurnResult> OnCommandAsync(Turn turn, string argument, CancellationToken cancellationToken) =>
            Task.FromResult(TurnResult.Nothing);

        public Task<TurnResult> OnSubmitAsync(Turn turn, FormSubmission submission, CancellationToken cancellationToken)
        {
            Submissions.Enqueue(submission);
            return Task.FromResult(TurnResult.Reply("Away from " + submission.Value("from")));
        }
    }
}
