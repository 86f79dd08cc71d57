using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SalesBot.Bench;

/// <summary>One request the Host sent to Cosmos DB, as the proxy saw it.</summary>
internal sealed record CosmosCall(string Kind, string Container, int Status, double RequestCharge, long ResponseBytes, long RequestBytes);

/// <summary>
/// An HTTPS forwarder between the Host and the Cosmos test server, on 127.0.0.1 in this process: the
/// Host's <c>AccountEndpoint</c> points here, so every request its Cosmos client makes is seen and
/// named in the terms Cosmos DB bills by (the same rules as the store's <c>CosmosRequestClassifier</c>),
/// with the response's <c>x-ms-request-charge</c> and size. Nothing in the Host is changed to count.
/// </summary>
internal sealed class CosmosCountingProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase) { "Host", "Transfer-Encoding", "Connection", "Keep-Alive" };
    private readonly WebApplication _app;
    private readonly HttpClient _upstream;
    private readonly Uri _target;
    private ConcurrentQueue<CosmosCall>? _recording;

    private CosmosCountingProxy(WebApplication app, Uri target)
    {
        _app = app;
        _target = target;
        _upstream = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            // The test server's self-signed certificate, on loopback only (the Host accepts it the same way).
#pragma warning disable CA5359
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
#pragma warning restore CA5359
        })
        { Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri Endpoint { get; private set; } = null!;

    public static async Task<CosmosCountingProxy> StartAsync(Uri target, X509Certificate2 certificate)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.UseHttps(certificate)));
        var app = builder.Build();
        var proxy = new CosmosCountingProxy(app, target);
        app.Run(proxy.ForwardAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        proxy.Endpoint = new Uri(address.TrimEnd('/') + "/");
        return proxy;
    }

    /// <summary>Records every call until the returned recording is read.</summary>
    public Func<IReadOnlyList<CosmosCall>> Record()
    {
        var recording = new ConcurrentQueue<CosmosCall>();
        Volatile.Write(ref _recording, recording);
        return () =>
        {
            Interlocked.CompareExchange(ref _recording, null, recording);
            return [.. recording];
        };
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var incoming = context.Request;
        using var body = new MemoryStream();
        await incoming.Body.CopyToAsync(body, context.RequestAborted);
        using var request = new HttpRequestMessage(new HttpMethod(incoming.Method), new Uri(_target, incoming.Path.Value + incoming.QueryString.Value));
        if (body.Length > 0 || incoming.ContentLength is not null)
        {
            request.Content = new ByteArrayContent(body.ToArray());
        }

        foreach (var (name, values) in incoming.Headers)
        {
            if (HopByHop.Contains(name))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        using var response = await _upstream.SendAsync(request, HttpCompletionOption.ResponseContentRead, context.RequestAborted);
        var payload = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopByHop.Contains(name))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        context.Response.ContentLength = payload.Length;
        await context.Response.Body.WriteAsync(payload, context.RequestAborted);

        if (Volatile.Read(ref _recording) is { } recording)
        {
            var charge = response.Headers.TryGetValues("x-ms-request-charge", out var c) &&
                         double.TryParse(c.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0;
            recording.Enqueue(new CosmosCall(Kind(incoming), Container(incoming.Path.Value), (int)response.StatusCode, charge, payload.Length, body.Length));
        }
    }

    /// <summary>The store's own classification (src/SalesBot.Storage.Cosmos/CosmosRequestClassifier.cs), from the REST shape.</summary>
    private static string Kind(HttpRequest request)
    {
        var segments = (request.Path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 6 && segments[4] == "docs")
        {
            return request.Method switch { "GET" => "point read", "PUT" => "replace", "PATCH" => "patch", "DELETE" => "delete", _ => "metadata" };
        }

        // On the wire, container-level requests (create, upsert, query, batch) address dbs/{db}/colls/{c}/docs.
        if (segments.Length == 5 && segments[4] == "docs")
        {
            segments = segments[..4];
        }

        if (segments.Length != 4 || segments[2] != "colls")
        {
            return "metadata";
        }

        bool Is(string header) => string.Equals(request.Headers[header], "true", StringComparison.OrdinalIgnoreCase);
        return request.Method switch
        {
            "POST" when Is("x-ms-cosmos-is-query-plan-request") => "metadata",
            "POST" when Is("x-ms-documentdb-isquery") => "query",
            "POST" when Is("x-ms-documentdb-is-upsert") => "upsert",
            "POST" when Is("x-ms-cosmos-is-batch-request") => "batch",
            "POST" => "create",
            "GET" when request.Headers.ContainsKey("A-IM") => "change feed",
            _ => "metadata",
        };
    }

    private static string Container(string? path)
    {
        var segments = (path ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 4 && segments[2] == "colls" ? Uri.UnescapeDataString(segments[3]) : string.Empty;
    }

    public async ValueTask DisposeAsync()
    {
        _upstream.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
