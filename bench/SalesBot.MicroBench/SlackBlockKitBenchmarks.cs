using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using SalesBot.Channels.Slack.Rendering;
using SalesBot.Conversations.Messages;

namespace SalesBot.MicroBench;

/// <summary>
/// Slack's Block Kit as the Web API client sends it (<c>ToJsonString</c> of the call's arguments): the
/// check-in prompt as a <c>chat.postMessage</c> (its form behind a button), the modal that button opens
/// (<c>views.open</c>), and the team status message. The reference writes the same JSON from a
/// ready-made <see cref="JsonNode"/>.
/// </summary>
[MemoryDiagnoser]
public class SlackBlockKitBenchmarks
{
    public const string CheckInModal = "check-in modal";

    private OutboundMessage _message = null!;
    private JsonNode _plain = null!;

    [Params(Samples.CheckInPrompt, CheckInModal, Samples.TeamStatus)]
    public string View { get; set; } = Samples.CheckInPrompt;

    public static int WireBytes(string view) => System.Text.Encoding.UTF8.GetByteCount(Render(view, MessageOf(view)));

    [GlobalSetup]
    public void Setup() => MicroBench.Setup.Checked($"{nameof(SlackBlockKitBenchmarks)} {View}", Prepare);

    private void Prepare()
    {
        _message = MessageOf(View);
        var wire = Render(View, _message);
        var parsed = JsonNode.Parse(wire)!;
        var blocks = View == CheckInModal ? parsed["view"]?["blocks"] : parsed["blocks"];
        MicroBench.Setup.Require(blocks is JsonArray { Count: > 0 }, $"{View}: no blocks");
        if (View == CheckInModal)
        {
            MicroBench.Setup.Require(blocks!.AsArray().Count(b => (string?)b!["type"] == "input") >= 3, $"{View}: the modal has fewer than 3 inputs");
        }

        _plain = parsed;
        var plain = Reference();
        MicroBench.Setup.Require(Math.Abs(plain.Length - wire.Length) <= wire.Length / 20, $"{View}: the reference writes {plain.Length} characters, Block Kit {wire.Length}");
    }

    [Benchmark(Baseline = true, Description = "reference: System.Text.Json writes the same JSON from a JsonNode")]
    public string Reference() => _plain.ToJsonString();

    [Benchmark(Description = "SalesBot: Block Kit rendered and serialized")]
    public string SalesBot() => Render(View, _message);

    private static OutboundMessage MessageOf(string view) => Samples.Message(view == CheckInModal ? Samples.CheckInPrompt : view);

    private static string Render(string view, OutboundMessage message)
    {
        if (view != CheckInModal)
        {
            var args = BlockKitMessageRenderer.Message(message);
            args["channel"] = "D0123ABCDEF";
            return args.ToJsonString();
        }

        var metadata = new ModalMetadata("D0123ABCDEF", "1741521600.000100", message.Form!.Data ?? new Dictionary<string, string>());
        return new JsonObject { ["trigger_id"] = "13345224609.738474920.8088930838d88f008e0", ["view"] = BlockKitViewRenderer.Modal(message, metadata) }.ToJsonString();
    }
}
