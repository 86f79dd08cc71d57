using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SalesBot.Bench.References;

/// <summary>
/// Reference 2, the least work any authenticated bot must do per turn (issue 12): validate the Bot
/// Framework JWT against cached signing keys (signature, issuer, audience, lifetime, the key's
/// endorsement for the channel, the <c>serviceurl</c> claim), commit one row to SQLite through one
/// batching writer, POST the reply to the connector and await its 200, then answer 200.
/// </summary>
internal sealed class MinimalTurn(MinimalTurnSettings settings, JsonWebKeySet keys, string outboundToken, SqliteBatchWriter store, HttpClient connector)
{
    private readonly JsonWebTokenHandler _tokens = new();
    private int _refusalLogged;
    private readonly TokenValidationParameters _validation = new()
    {
        ValidIssuer = SigningKeys.BotFrameworkIssuer,
        ValidAudience = settings.AppId,
        IssuerSigningKeys = keys.GetSigningKeys(),
        ValidateLifetime = true,
        ClockSkew = TimeSpan.FromMinutes(5),
        RequireSignedTokens = true,
    };

    // Read once from the key set: which channels each key id is endorsed for.
    private readonly Dictionary<string, HashSet<string>> _endorsements = keys.Keys.ToDictionary(
        k => k.KeyId,
        k => k.AdditionalData.TryGetValue("endorsements", out var value) && value is JsonElement { ValueKind: JsonValueKind.Array } list
            ? list.EnumerateArray().Select(e => e.GetString() ?? string.Empty).ToHashSet(StringComparer.Ordinal)
            : value is IEnumerable<object> items ? items.Select(i => i?.ToString() ?? string.Empty).ToHashSet(StringComparer.Ordinal) : [],
        StringComparer.Ordinal);

    public static async Task<MinimalTurn> StartAsync(MinimalTurnSettings settings, HttpClient http)
    {
        // Fetched once at start: a real bot caches both (the keys for a day, the token for its lifetime).
        var keys = new JsonWebKeySet(await http.GetStringAsync(settings.JwksUrl));
        using var tokenResponse = await http.PostAsync(settings.TokenUrl, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = settings.AppId,
            ["client_secret"] = "bench-secret",
            ["scope"] = "https://api.botframework.com/.default",
        }));
        tokenResponse.EnsureSuccessStatusCode();
        using var token = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync());
        return new MinimalTurn(settings, keys, token.RootElement.GetProperty("access_token").GetString()!, new SqliteBatchWriter(settings.DatabasePath), http);
    }

    public void Map(WebApplication app) => app.MapPost("/api/messages", (Delegate)HandleAsync);

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return Results.Unauthorized();
        }

        using var activity = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var root = activity.RootElement;
        var id = root.GetProperty("id").GetString()!;
        var serviceUrl = root.GetProperty("serviceUrl").GetString()!;
        var channelId = root.GetProperty("channelId").GetString()!;
        var conversationId = root.GetProperty("conversation").GetProperty("id").GetString()!;
        var from = root.GetProperty("from").GetProperty("id").GetString()!;
        var text = root.TryGetProperty("text", out var t) ? t.GetString() ?? string.Empty : string.Empty;

        var result = await _tokens.ValidateTokenAsync(header["Bearer ".Length..], _validation);
        var refusal = !result.IsValid ? result.Exception?.Message ?? "invalid token"
            : !Endorsed(result.SecurityToken, channelId) ? $"key not endorsed for {channelId}"
            : !string.Equals(result.Claims.TryGetValue("serviceurl", out var claimed) ? claimed as string : null, serviceUrl, StringComparison.OrdinalIgnoreCase) ? "serviceurl claim does not match"
            : null;
        if (refusal is not null)
        {
            // Said once: a reference that refuses every turn is a broken bench, and its log should say why.
            if (Interlocked.Exchange(ref _refusalLogged, 1) == 0)
            {
                await Console.Error.WriteLineAsync("minimal turn refused a token: " + refusal);
            }

            return Results.Unauthorized();
        }

        await store.CommitAsync(id, from, text);

        var reply = JsonSerializer.SerializeToUtf8Bytes(new
        {
            type = "message",
            text = "Thanks, got it.",
            replyToId = id,
            conversation = new { id = conversationId },
            from = new { id = "28:" + settings.AppId },
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{serviceUrl.TrimEnd('/')}/v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(id)}")
        {
            Content = new ByteArrayContent(reply) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", outboundToken);
        using var response = await connector.SendAsync(request, context.RequestAborted);
        return response.IsSuccessStatusCode ? Results.Ok() : Results.StatusCode(502);
    }

    /// <summary>Bot Framework keys list the channels they may sign for; the token's key must list this one.</summary>
    private bool Endorsed(SecurityToken token, string channelId) =>
        token is JsonWebToken jwt && _endorsements.TryGetValue(jwt.Kid, out var channels) && channels.Contains(channelId);
}

/// <summary>Where the minimal turn finds its peers: from environment variables, as the Host takes its settings.</summary>
internal sealed record MinimalTurnSettings(string AppId, Uri JwksUrl, Uri TokenUrl, string DatabasePath)
{
    public static MinimalTurnSettings FromEnvironment() => new(
        Environment.GetEnvironmentVariable("BENCH_APP_ID") ?? throw new InvalidOperationException("BENCH_APP_ID is not set."),
        new Uri(Environment.GetEnvironmentVariable("BENCH_JWKS_URL") ?? throw new InvalidOperationException("BENCH_JWKS_URL is not set.")),
        new Uri(Environment.GetEnvironmentVariable("BENCH_TOKEN_URL") ?? throw new InvalidOperationException("BENCH_TOKEN_URL is not set.")),
        Environment.GetEnvironmentVariable("BENCH_DB") ?? throw new InvalidOperationException("BENCH_DB is not set."));
}
