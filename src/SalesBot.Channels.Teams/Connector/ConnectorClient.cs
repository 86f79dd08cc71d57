using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesBot.Channels.Teams.Activities;
using SalesBot.Channels.Teams.Auth;
using SalesBot.Channels.Teams.Hosting;

namespace SalesBot.Channels.Teams.Connector;

/// <summary>What a connector call came to.</summary>
public enum ConnectorOutcome
{
    Ok,

    /// <summary>Throttled or a transient failure that outlasted the in-process retries; try again after <see cref="ConnectorResult.RetryAfter"/>.</summary>
    RetryLater,

    /// <summary>Will not succeed as it is (bot blocked or uninstalled, conversation gone, bad request).</summary>
    Rejected,
}

public sealed record ConnectorResult(ConnectorOutcome Outcome, string? Id = null, TimeSpan? RetryAfter = null, string? Error = null, string? ConversationId = null, string? ServiceUrl = null)
{
    public bool IsOk => Outcome == ConnectorOutcome.Ok;
}

/// <summary>
/// The Bot Framework connector REST API (v3): send, reply, update, delete, create a 1:1 conversation.
/// Every call is rate-limited per conversation to Teams' limits and retried on 429/412/502/503/504 and
/// network errors with jittered exponential backoff, honouring <c>Retry-After</c>, while the wait stays
/// under <see cref="TeamsOptions.MaxInlineRetryDelay"/>; longer waits are returned as
/// <see cref="ConnectorOutcome.RetryLater"/> so the outbox can reschedule instead of holding a request.
/// </summary>
public sealed partial class ConnectorClient(
    IHttpClientFactory httpClients,
    IBotTokenProvider tokens,
    ConversationRateLimiter rateLimiter,
    TimeProvider time,
    IOptions<TeamsOptions> options,
    ILogger<ConnectorClient> logger)
{
    /// <summary>
    /// Throttling, a timeout, a 412 (Teams asks for a retry), and every server error but "not
    /// implemented" and "version not supported", which no retry changes: Teams treats 5xx as transient.
    /// </summary>
    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout or HttpStatusCode.PreconditionFailed
        || ((int)status >= 500 && status is not (HttpStatusCode.NotImplemented or HttpStatusCode.HttpVersionNotSupported));

    private readonly TeamsOptions _options = options.Value;

    public Task<ConnectorResult> SendAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken) =>
        CallAsync(HttpMethod.Post, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities", conversationId, activity, cancellationToken);

    public Task<ConnectorResult> ReplyAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken) =>
        CallAsync(HttpMethod.Post, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(replyToId)}", conversationId, activity, cancellationToken);

    public Task<ConnectorResult> UpdateAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        activity.Id = activityId;
        return CallAsync(HttpMethod.Put, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", conversationId, activity, cancellationToken);
    }

    public Task<ConnectorResult> DeleteAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken) =>
        CallAsync(HttpMethod.Delete, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", conversationId, null, cancellationToken);

    /// <summary>
    /// Creates (or finds: Teams returns the existing one) the 1:1 conversation between the bot and a member.
    /// Needs the member's Teams user id and tenant; the app must be installed for them.
    /// </summary>
    public async Task<ConnectorResult> CreatePersonalConversationAsync(string serviceUrl, string botId, string userId, string tenantId, CancellationToken cancellationToken)
    {
        var body = new ConversationParameters
        {
            Bot = new ChannelAccount { Id = botId },
            Members = [new ChannelAccount { Id = userId }],
            IsGroup = false,
            TenantId = tenantId,
            ChannelData = JsonSerializer.SerializeToElement(new { tenant = new { id = tenantId } }),
        };
        var result = await CallAsync(HttpMethod.Post, serviceUrl, "v3/conversations", "create:" + tenantId, body, cancellationToken);
        return result.IsOk ? result with { ConversationId = result.Id } : result;
    }

    private async Task<ConnectorResult> CallAsync(HttpMethod method, string serviceUrl, string path, string limiterKey, object? body, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(WithTrailingSlash(serviceUrl), UriKind.Absolute, out var baseUri) ||
            (baseUri.Scheme != Uri.UriSchemeHttps && baseUri.Scheme != Uri.UriSchemeHttp))
        {
            return new ConnectorResult(ConnectorOutcome.Rejected, Error: $"Bad service URL '{serviceUrl}'.");
        }

        if (!rateLimiter.TryReserve(limiterKey, _options.MaxInlineRetryDelay, out var wait))
        {
            return new ConnectorResult(ConnectorOutcome.RetryLater, RetryAfter: wait, Error: "Conversation rate limit reached.");
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }

        var uri = new Uri(baseUri, path);
        var http = httpClients.CreateClient(TeamsHttpClients.Connector);
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan delay;
            string error;
            try
            {
                using var request = new HttpRequestMessage(method, uri);
                if (await tokens.GetTokenAsync(cancellationToken) is { } token)
                {
                    if (!_options.IsTrustedServiceUrl(uri) || uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback)
                    {
                        LogUntrustedServiceUrl(logger, uri.Host);
                        return new ConnectorResult(ConnectorOutcome.Rejected, Error: $"Service URL host '{uri.Host}' is not trusted (Teams:TrustedServiceUrlHosts).");
                    }

                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }

                if (body is not null)
                {
                    request.Content = JsonContent.Create(body, body.GetType(), options: ActivityJson.Options);
                }

                using var response = await http.SendAsync(request, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return new ConnectorResult(ConnectorOutcome.Ok, await ReadIdAsync(response, cancellationToken));
                }

                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                error = $"{(int)response.StatusCode} {Shorten(text)}";
                LogCallFailed(logger, method.Method, uri.AbsolutePath, (int)response.StatusCode, CorrelationId(response), Shorten(text));
                if (!IsTransient(response.StatusCode))
                {
                    return new ConnectorResult(ConnectorOutcome.Rejected, Error: error);
                }

                delay = RetryAfter(response) ?? Backoff(attempt);
            }
            catch (HttpRequestException ex)
            {
                error = ex.Message;
                delay = Backoff(attempt);
            }

            if (attempt >= _options.MaxAttempts || delay > _options.MaxInlineRetryDelay)
            {
                return new ConnectorResult(ConnectorOutcome.RetryLater, RetryAfter: delay, Error: error);
            }

            LogRetrying(logger, method.Method, uri.AbsolutePath, delay, attempt);
            await Task.Delay(delay, time, cancellationToken);
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        if (retryAfter.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (retryAfter.Date is { } date)
        {
            var d = date - time.GetUtcNow();
            return d < TimeSpan.Zero ? TimeSpan.Zero : d;
        }

        return null;
    }

    /// <summary>0.5 s, 1 s, 2 s … with ±20 % jitter so many senders do not retry in step.</summary>
    public static TimeSpan Backoff(int attempt)
    {
        var baseMs = 500 * Math.Pow(2, Math.Max(0, attempt - 1));
        var jitter = 0.8 + (RandomNumberGenerator.GetInt32(0, 401) / 1000.0);
        return TimeSpan.FromMilliseconds(Math.Min(60_000, baseMs * jitter));
    }

    private static async Task<string?> ReadIdAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? CorrelationId(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Correlating-OperationId", out var values) ? values.FirstOrDefault() : null;

    private static string Escape(string value) => Uri.EscapeDataString(value);

    private static string WithTrailingSlash(string url) => url.EndsWith('/') ? url : url + "/";

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "Connector {Method} {Path} answered {Status} (operation {CorrelationId}): {Body}")]
    private static partial void LogCallFailed(ILogger logger, string method, string path, int status, string? correlationId, string body);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Warning, Message = "Refused to send the bot's token to untrusted service URL host {Host}")]
    private static partial void LogUntrustedServiceUrl(ILogger logger, string host);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Information, Message = "Retrying connector {Method} {Path} in {Delay} (attempt {Attempt})")]
    private static partial void LogRetrying(ILogger logger, string method, string path, TimeSpan delay, int attempt);
}

/// <summary>The body of <c>POST v3/conversations</c>.</summary>
public sealed class ConversationParameters
{
    public ChannelAccount? Bot { get; set; }
    public List<ChannelAccount>? Members { get; set; }
    public bool IsGroup { get; set; }
    public string? TenantId { get; set; }
    public JsonElement? ChannelData { get; set; }
}
