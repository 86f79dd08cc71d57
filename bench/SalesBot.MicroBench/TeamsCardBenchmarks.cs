using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using SalesBot.Channels.Teams.Activities;
using SalesBot.Channels.Teams.Cards;
using SalesBot.Conversations.Messages;

namespace SalesBot.MicroBench;

/// <summary>
/// The Teams reply as it goes on the wire: the activity with its Adaptive Card (ActivityMapper and
/// AdaptiveCardRenderer), serialized to UTF-8 with the Bot Framework's JSON options. The reference writes
/// the very same JSON from a ready-made <see cref="JsonNode"/>: what serializing a card of that size costs
/// when nothing has to be built.
/// </summary>
[MemoryDiagnoser]
public class TeamsCardBenchmarks
{
    private OutboundMessage _message = null!;
    private JsonNode _plain = null!;

    [Params(Samples.CheckInPrompt, Samples.TeamStatus)]
    public string View { get; set; } = Samples.CheckInPrompt;

    /// <summary>The wire size of a view, for the report.</summary>
    public static int WireBytes(string view) => Render(Samples.Message(view)).Length;

    [GlobalSetup]
    public void Setup() => MicroBench.Setup.Checked($"{nameof(TeamsCardBenchmarks)} {View}", Prepare);

    private void Prepare()
    {
        _message = Samples.Message(View);
        var wire = Render(_message);
        var activity = JsonNode.Parse(wire)!;
        var attachment = activity["attachments"]?[0];
        MicroBench.Setup.Require((string?)attachment?["contentType"] == AdaptiveCardRenderer.ContentType, $"{View}: the activity carries no Adaptive Card");
        MicroBench.Setup.Require(attachment!["content"]?["body"] is JsonArray { Count: > 0 }, $"{View}: the card has an empty body");
        _plain = activity;
        var plain = Reference();
        MicroBench.Setup.Require(Math.Abs(plain.Length - wire.Length) <= wire.Length / 20, $"{View}: the reference writes {plain.Length} bytes, the card {wire.Length}");
    }

    [Benchmark(Baseline = true, Description = "reference: System.Text.Json writes the same JSON from a JsonNode")]
    public byte[] Reference() => JsonSerializer.SerializeToUtf8Bytes(_plain, ActivityJson.Options);

    [Benchmark(Description = "SalesBot: activity + Adaptive Card rendered and serialized")]
    public byte[] SalesBot() => Render(_message);

    /// <summary>Where the time goes: the card alone, as a <see cref="JsonObject"/>, before the activity copies it into a JsonElement and serializes it.</summary>
    [BenchmarkCategory(MicroReport.Detail)]
    [Benchmark(Description = "SalesBot: AdaptiveCardRenderer.Render alone (the card's JsonObject, not serialized)")]
    public JsonObject SalesBotCardOnly() => AdaptiveCardRenderer.Render(_message, CardActionStyle.Execute);

    private static byte[] Render(OutboundMessage message) =>
        JsonSerializer.SerializeToUtf8Bytes(ActivityMapper.ToActivity(message, CardActionStyle.Execute), ActivityJson.Options);
}
