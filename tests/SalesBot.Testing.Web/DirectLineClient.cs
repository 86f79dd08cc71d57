using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SalesBot.Testing.Web;

/// <summary>Speaks to the Host's Direct Line endpoints the way Web Chat does (polling).</summary>
public sealed class DirectLineClient(HttpClient http)
{
    private string? _watermark;

    public string ConversationId { get; private set; } = "";

    public async Task StartAsync(string? teamId = null)
    {
        var generated = await http.PostAsync("/v3/directline/tokens/generate" + (teamId is null ? "" : $"?teamId={teamId}"), null);
        generated.EnsureSuccessStatusCode();
        var body = await generated.Content.ReadFromJsonAsync<JsonObject>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body!["token"]!.GetValue<string>());
        var started = await http.PostAsync("/v3/directline/conversations", null);
        started.EnsureSuccessStatusCode();
        ConversationId = (await started.Content.ReadFromJsonAsync<JsonObject>())!["conversationId"]!.GetValue<string>();
    }

    public Task<HttpResponseMessage> PostAsync(JsonObject activity) =>
        http.PostAsync($"/v3/directline/conversations/{ConversationId}/activities",
            new StringContent(activity.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));

    public async Task SayAsync(string fromId, string text) =>
        (await PostAsync(new JsonObject { ["type"] = "message", ["from"] = new JsonObject { ["id"] = fromId }, ["text"] = text })).EnsureSuccessStatusCode();

    /// <summary>A card submit as Web Chat sends it: no text, the action data merged with the inputs, numbers as strings.</summary>
    public async Task SubmitAsync(string fromId, JsonObject value) =>
        (await PostAsync(new JsonObject
        {
            ["type"] = "message",
            ["from"] = new JsonObject { ["id"] = fromId },
            ["value"] = value,
            ["channelData"] = new JsonObject { ["postBack"] = true },
        })).EnsureSuccessStatusCode();

    /// <summary>The bot's activities since the last read.</summary>
    public async Task<IReadOnlyList<JsonObject>> BotRepliesAsync()
    {
        var response = await http.GetAsync($"/v3/directline/conversations/{ConversationId}/activities?watermark={_watermark}");
        response.EnsureSuccessStatusCode();
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        _watermark = body["watermark"]!.GetValue<string>();
        return body["activities"]!.AsArray()
            .Select(a => a!.AsObject())
            .Where(a => a["from"]?["role"]?.GetValue<string>() == "bot")
            .ToList();
    }

    /// <summary>The card of an activity, if it carries one.</summary>
    public static JsonObject? Card(JsonObject activity) => activity["attachments"]?[0]?["content"]?.AsObject();

    /// <summary>All text runs of a card plus the activity's text and summary.</summary>
    public static string Words(JsonObject activity) =>
        string.Join("\n", new[] { activity["text"]?.ToString(), activity["summary"]?.ToString() }
            .Concat(Card(activity) is { } card ? TextRuns(card) : []).Where(s => s is not null));

    private static IEnumerable<string?> TextRuns(JsonNode node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() == "TextRun" => [o["text"]?.GetValue<string>()],
        JsonObject o => o.SelectMany(p => p.Value is null ? [] : TextRuns(p.Value)),
        JsonArray a => a.SelectMany(n => n is null ? [] : TextRuns(n)),
        _ => [],
    };

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}
