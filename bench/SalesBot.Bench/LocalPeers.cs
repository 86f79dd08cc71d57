using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SalesBot.Bench;

/// <summary>
/// Everything the Host talks to, on 127.0.0.1 in this process: Bot Framework OpenID metadata and keys
/// (http: the Host allows http for loopback metadata), the client-credentials token endpoint (https:
/// MSAL insists), and the connector that takes the bot's replies and answers 200.
/// </summary>
internal sealed class LocalPeers : IAsyncDisposable
{
    public const string OutboundToken = "bench-outbound-token";

    private readonly WebApplication _app;
    private long _replies;
    private long _tokenRequests;
    private long _otherConnectorCalls;

    private LocalPeers(WebApplication app) => _app = app;

    public Uri HttpBase { get; private set; } = null!;
    public Uri HttpsBase { get; private set; } = null!;

    /// <summary>The activities' serviceUrl: the connector lives at the root, as <c>http://127.0.0.1:port/</c>.</summary>
    public string ServiceUrl => HttpBase.ToString();
    public Uri BotFrameworkMetadata => new(HttpBase, "bf/.well-known/openidconfiguration");
    public Uri EntraMetadata => new(HttpBase, "entra/v2.0/.well-known/openid-configuration");

    public long Replies => Interlocked.Read(ref _replies);
    public long TokenRequests => Interlocked.Read(ref _tokenRequests);
    public long OtherConnectorCalls => Interlocked.Read(ref _otherConnectorCalls);

    /// <summary>The text of a recent reply (one in 512 is kept).</summary>
    public string? SampleReply { get; private set; }

    /// <summary>When set, sees every reply activity (the summary section checks what its status turns showed).</summary>
    public Action<JsonNode>? ReplyObserver { get; set; }

    public static async Task<LocalPeers> StartAsync(SigningKeys keys, X509Certificate2 certificate)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Listen(IPAddress.Loopback, 0, o => o.UseHttps(certificate));
        });
        var app = builder.Build();
        var peers = new LocalPeers(app);
        peers.Map(keys.Jwks());
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        peers.HttpBase = new Uri(addresses.Single(a => a.StartsWith("http://", StringComparison.Ordinal)).TrimEnd('/') + "/");
        peers.HttpsBase = new Uri(addresses.Single(a => a.StartsWith("https://", StringComparison.Ordinal)).TrimEnd('/') + "/");
        return peers;
    }

    private void Map(string jwks)
    {
        _app.MapGet("/bf/.well-known/openidconfiguration", () =>
            Results.Json(new { issuer = SigningKeys.BotFrameworkIssuer, jwks_uri = new Uri(HttpBase, "bf/keys").ToString() }));
        _app.MapGet("/bf/keys", () => Results.Text(jwks, "application/json"));

        // Only fetched for Entra-issued tokens, which the bench does not send; served so nothing leaves the machine.
        _app.MapGet("/entra/v2.0/.well-known/openid-configuration", () =>
            Results.Json(new { issuer = "https://login.microsoftonline.com/{tenantid}/v2.0", jwks_uri = new Uri(HttpBase, "entra/keys").ToString() }));
        _app.MapGet("/entra/keys", () => Results.Text("{\"keys\":[]}", "application/json"));

        _app.MapPost("/{tenant}/oauth2/v2.0/token", (string tenant) =>
        {
            Interlocked.Increment(ref _tokenRequests);
            return Results.Json(new { token_type = "Bearer", expires_in = 3600, ext_expires_in = 3600, access_token = OutboundToken });
        });

        // The Bot Framework connector (v3): replies go to …/activities/{replyToId}; anything else is counted apart.
        _app.Map("/v3/{**rest}", async (HttpContext context, string rest) =>
        {
            var isReply = context.Request.Method == HttpMethods.Post && rest.StartsWith("conversations/", StringComparison.Ordinal) && rest.Contains("/activities", StringComparison.Ordinal);
            var id = isReply ? Interlocked.Increment(ref _replies) : Interlocked.Increment(ref _otherConnectorCalls);
            if (isReply && (id % 512 == 1 || ReplyObserver is not null))
            {
                // Now and then keep what the bot said, so a run shows what its turns did (a check-in, not an error reply).
                var reply = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
                SampleReply = reply?["text"]?.GetValue<string>() ?? reply?["summary"]?.GetValue<string>();
                if (reply is not null)
                {
                    ReplyObserver?.Invoke(reply);
                }
            }
            else
            {
                await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            }

            return Results.Json(new { id = "bench-act-" + id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        });
    }

    /// <summary>
    /// Sends load at the connector itself for a moment, so this process's client and server paths are
    /// compiled and tiered up before the first Host is measured (otherwise the first run pays for it).
    /// </summary>
    public async Task WarmUpAsync(int connections, TimeSpan duration)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, UseProxy = false });
        var load = new LoadGenerator(http, new Uri(HttpBase, "v3/conversations/warm-up/activities/1"), "warm-up");
        await load.RunAsync("self warm-up", _ => new SegmentContent("{\"type\":\"message\",\"text\":\"warm-up\"}"u8.ToArray()), connections, TimeSpan.Zero, duration, int.MaxValue);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
