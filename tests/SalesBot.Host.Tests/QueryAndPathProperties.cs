using System.Text.Json.Nodes;
using CsCheck;
using SalesBot.Testing.Hostile;
using SalesBot.Testing.Web;

namespace SalesBot.Host.Tests;

/// <summary>
/// The endpoints that read a query or a path (health, Slack install and OAuth callback, the operator
/// endpoints with a valid key, Direct Line tokens and reads, the playground clock) with generated
/// hostile values, percent-encoded byte by byte: never a 5xx, and the store is unchanged.
/// </summary>
public sealed class QueryAndPathProperties : IDisposable
{
    private const string AdminKey = "an-admin-key-that-is-long-enough-0123456789";
    private const int Iterations = 150;
    private readonly SalesBotAppFactory _app = new();

    public QueryAndPathProperties()
    {
        _app.Settings["Admin:Key"] = AdminKey;
        _app.Settings["Slack:ClientId"] = "1.2";
        _app.Settings["Slack:ClientSecret"] = "client-secret-for-tests";
        _app.Settings["Slack:SigningSecret"] = "8f742231b10e8888abcd99yyyzzz85a5";
    }

    public void Dispose() => _app.Dispose();

    private static readonly string[] Requests =
    [
        "GET /healthz?probe=HOSTILE",
        "GET /slack/install?team=HOSTILE",
        "GET /slack/oauth/callback?code=HOSTILE&state=abc",
        "GET /slack/oauth/callback?code=abc&state=HOSTILE",
        "GET /slack/oauth/callback?error=HOSTILE",
        "GET /admin/outbox?team=HOSTILE",
        "GET /admin/outbox?status=HOSTILE&max=5",
        "GET /admin/outbox?max=HOSTILE",
        "POST /admin/outbox/HOSTILE/retry",
        "POST /v3/directline/tokens/generate?teamId=HOSTILE",
        "GET /v3/directline/conversations/HOSTILE/activities?watermark=1",
        "GET /v3/directline/conversations/CONVERSATION/activities?watermark=HOSTILE",
    ];

    [Fact]
    public async Task Hostile_queries_and_paths_never_answer_5xx_and_write_nothing()
    {
        var http = _app.CreateClient();
        http.DefaultRequestHeaders.Add("X-Admin-Key", AdminKey);
        var chat = new DirectLineClient(_app.CreateClient());
        await chat.StartAsync();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await TokenAsync());
        var before = await SqliteContents.FingerprintAsync(_app.DatabasePath);

        await Gen.Int[0, Requests.Length - 1].Select(HostilePayloads.Value, (i, value) => (Request: Requests[i], Value: value)).SampleAsync(async c =>
        {
            var parts = c.Request.Split(' ');
            var query = parts[1].IndexOf('?', StringComparison.Ordinal);
            var inPath = query < 0 || parts[1].IndexOf("HOSTILE", StringComparison.Ordinal) < query;
            if (inPath && c.Value.Raw.Contains((byte)0))
            {
                return; // Kestrel itself refuses %00 in a path (400) before the app; the in-process test server cannot carry one.
            }

            var target = parts[1].Replace("HOSTILE", HostilePayloads.PercentEncode(c.Value.Raw), StringComparison.Ordinal)
                .Replace("CONVERSATION", chat.ConversationId, StringComparison.Ordinal);
            using var request = new HttpRequestMessage(new HttpMethod(parts[0]), target);

            using var response = await http.SendAsync(request);

            Assert.True((int)response.StatusCode < 500, $"{c.Request} with {c.Value}: {(int)response.StatusCode}");
        }, iter: Iterations, threads: 1, print: c => $"{c.Request} with {c.Value}");

        Assert.Equal(before, await SqliteContents.FingerprintAsync(_app.DatabasePath));

        async Task<string> TokenAsync()
        {
            var generated = await _app.CreateClient().PostAsync("/v3/directline/tokens/generate", null);
            return JsonNode.Parse(await generated.Content.ReadAsStringAsync())!["token"]!.ToString();
        }
    }
}
