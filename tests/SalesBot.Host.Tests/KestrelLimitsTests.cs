using System.Net;
using System.Text;
using SalesBot.Host.Http;
using SalesBot.Testing.Hostile;
using SalesBot.Testing.Web;

namespace SalesBot.Host.Tests;

/// <summary>
/// The Host's own limits, which the in-process test server never applies: the real Host on Kestrel
/// (127.0.0.1, a free port), every endpoint that takes a body sent one over 1 MB (with a length, and
/// chunked without one) and every endpoint sent 40 KB of headers. Each is refused before any handler
/// runs, and the SQLite file is unchanged.
/// </summary>
public sealed class KestrelLimitsTests : IAsyncLifetime
{
    private const string AdminKey = "kestrel-limits-admin-key-0123456789";
    private readonly SalesBotAppFactory _app = new()
    {
        Settings =
        {
            ["Admin:Key"] = AdminKey,
            ["Slack:SigningSecret"] = "8f742231b10e8888abcd99yyyzzz85a5",
            ["Slack:BotToken"] = "xoxb-test-token",
            ["Slack:ApiBaseUrl"] = "http://127.0.0.1:9/api/",
            ["Slack:ClientId"] = "1.2",
            ["Slack:ClientSecret"] = "client-secret",
        },
    };

    private HttpClient _http = null!;
    private string _fingerprint = string.Empty;

    public static TheoryData<string> BodyEndpoints =>
    [
        "/api/messages",
        "/slack/events",
        "/slack/commands",
        "/slack/interactivity",
        "/v3/directline/tokens/generate",
        "/v3/directline/conversations",
        "/v3/directline/conversations/anything/activities",
        "/admin/outbox/win:slack:Ev0/retry",
    ];

    public static TheoryData<string, string> AllEndpoints => new()
    {
        { "POST", "/api/messages" },
        { "POST", "/slack/events" },
        { "POST", "/slack/commands" },
        { "POST", "/slack/interactivity" },
        { "GET", "/slack/install" },
        { "GET", "/slack/oauth/callback?code=abc&state=def" },
        { "POST", "/v3/directline/conversations/anything/activities" },
        { "GET", "/healthz" },
        { "GET", "/admin/outbox" },
        { "GET", "/playground" },
    };

    public async Task InitializeAsync()
    {
        _app.UseKestrel(0);
        _app.StartServer();
        _http = new HttpClient { BaseAddress = _app.ClientOptions.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        // The first request seeds the demo and creates the file; the fingerprint is taken after it.
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("/healthz")).StatusCode);
        _fingerprint = await SqliteContents.FingerprintAsync(_app.DatabasePath);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task A_body_declared_over_one_megabyte_is_refused_with_413_and_stores_nothing(string path)
    {
        var status = await RawPostAsync(path, $"Content-Length: {HostHardening.MaxRequestBodyBytes + 1}", sendBody: null);

        Assert.Equal(413, status);
        Assert.Equal(_fingerprint, await SqliteContents.FingerprintAsync(_app.DatabasePath));
    }

    [Theory]
    [InlineData("/slack/events")]
    [InlineData("/slack/commands")]
    [InlineData("/slack/interactivity")]
    public async Task A_chunked_body_read_past_one_megabyte_is_refused_with_413_not_500_and_stores_nothing(string path)
    {
        // Without a length only reading finds the size: the Slack endpoints read the body to check its signature.
        var status = await RawPostAsync(path, "Transfer-Encoding: chunked", sendBody: async stream =>
        {
            var chunk = Encoding.ASCII.GetBytes($"{64 * 1024:x}\r\n{new string('a', 64 * 1024)}\r\n");
            for (var sent = 0L; sent <= HostHardening.MaxRequestBodyBytes; sent += 64 * 1024)
            {
                await stream.WriteAsync(chunk);
            }

            await stream.WriteAsync(Encoding.ASCII.GetBytes("0\r\n\r\n"));
        });

        Assert.Equal(413, status);
        Assert.Equal(_fingerprint, await SqliteContents.FingerprintAsync(_app.DatabasePath));
    }

    [Theory]
    [MemberData(nameof(AllEndpoints))]
    public async Task Headers_over_32_kilobytes_are_refused_with_431_and_store_nothing(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Add("X-Padding", new string('a', 40 * 1024));

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
        Assert.Equal(_fingerprint, await SqliteContents.FingerprintAsync(_app.DatabasePath));
    }

    /// <summary>
    /// Sends the request line and headers as raw HTTP/1.1 (then the body, if any, while reading), and gives
    /// the status of the answer: the server may answer before the body is sent, which a raw socket reads reliably.
    /// </summary>
    private async Task<int> RawPostAsync(string path, string lengthHeader, Func<Stream, Task>? sendBody)
    {
        var target = _app.ClientOptions.BaseAddress;
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(target.Host, target.Port);
        var stream = tcp.GetStream();
        var head = $"POST {path} HTTP/1.1\r\nHost: {target.Authority}\r\nContent-Type: application/json\r\n{lengthHeader}\r\nX-Admin-Key: {AdminKey}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        var sending = sendBody is null ? Task.CompletedTask : SendIgnoringResetAsync(sendBody, stream);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        await sending;
        return int.Parse(statusLine!.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task SendIgnoringResetAsync(Func<Stream, Task> sendBody, Stream stream)
    {
        try
        {
            await sendBody(stream);
        }
        catch (IOException)
        {
            // The server answered and closed before the whole body was sent: that is the point.
        }
    }
}
