using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CsCheck;
using SalesBot.Testing.Hostile;
using SalesBot.Testing.Web;

namespace SalesBot.Host.Tests;

/// <summary>
/// Generated hostile activities posted to the playground's Direct Line: never a 5xx, a refused one
/// leaves the store as it was, and the conversation always reads from the start afterwards.
/// </summary>
public sealed class DirectLineHostileProperties : IDisposable
{
    private const int Iterations = 120;
    private readonly SalesBotAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private static readonly string[] Templates =
    [
        """{"type":"message","from":{"id":"demo-ava"},"text":"HOSTILE"}""",
        """{"type":"message","from":{"id":"HOSTILE"},"text":"help"}""",
        """{"type":"message","from":{"id":"demo-ava"},"value":{"verb":"checkin.submit","calls":"HOSTILE","meetings":"1","proposals":"1"},"channelData":{"postBack":true}}""",
        """{"type":"message","from":{"id":"demo-ava"},"value":{"verb":"HOSTILE"}}""",
        """{"type":"event","name":"HOSTILE","from":{"id":"demo-ava"}}""",
        """{"type":"message","from":{"id":"demo-ava"},"text":"help","channelData":{"clientActivityID":"HOSTILE"}}""",
        """{"type":"HOSTILE","from":{"id":"demo-ava"},"text":"help"}""",
    ];

    [Fact]
    public async Task Direct_line_never_answers_5xx_and_the_chat_always_reads_from_the_start()
    {
        var http = _app.CreateClient();
        var chat = new DirectLineClient(http);
        await chat.StartAsync();

        await HostilePayloads.JsonBodies(Templates).SampleAsync(async body =>
        {
            var before = await SqliteContents.FingerprintAsync(_app.DatabasePath);
            using var content = new ByteArrayContent(body.Bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

            using var posted = await http.PostAsync($"/v3/directline/conversations/{chat.ConversationId}/activities", content);
            using var read = await http.GetAsync($"/v3/directline/conversations/{chat.ConversationId}/activities");

            Assert.True((int)posted.StatusCode < 500, $"{body}: {(int)posted.StatusCode}");
            Assert.True(read.IsSuccessStatusCode, $"{body}: reading answered {(int)read.StatusCode}");
            Assert.NotNull(JsonNode.Parse(await read.Content.ReadAsStringAsync())?["activities"]);
            if ((int)posted.StatusCode >= 400)
            {
                Assert.Equal(before, await SqliteContents.FingerprintAsync(_app.DatabasePath));
            }
        }, iter: Iterations, threads: 1);
    }
}
