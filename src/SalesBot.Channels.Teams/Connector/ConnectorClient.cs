using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesBot.Channels.Teams.Activities;
using SalesBot.Channels.Teams.Auth;
using SalesBot.Channels.Teams.Hosting;
using SalesBot.Channels.Http;

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

    /// <summary>Refused by this instance's rate limiter before anything was sent (a <see cref="ConnectorOutcome.RetryLater"/>).</summary>
    public bool LimitedHere { get; init; }
}

/// <summary>
/// The Bot Framework connector REST API (v3): send, reply, update, delete, create a 1:1 conversation.
/// Every call takes a permit from <see cref="TeamsRateLimits"/> first: a turn's reply may wait for one
/// up to <see cref="TeamsOptions.MaxInlineRetryDelay"/>, a proactive (outbox) send not at all. Transient
/// answers (408, 412, 429, 5xx but 501/505) and network failures are retried by the named client's
/// resilience handler (<see cref="TransientHttp.AddInlineRetries"/>): a few times, briefly, honouring
/// <c>Retry-After</c>. What is still transient after that comes back as
/// <see cref="ConnectorOutcome.RetryLater"/> with the server's <c>Retry-After</c>, so the outbox waits,
/// not the request; 400, 401, 403, 404 and the like come back as <see cref="ConnectorOutcome.Rejected"/>.
/// </summary>
public sealed partial class ConnectorClient(
    IHttpClientFactory httpClients,
    IBotTokenProvider tokens,
    TeamsRateLimits rateLimits,
    TimeProvider time,
    IOptions<TeamsOptions> options,
    ILogger<ConnectorClient> logger)
{
    /// <summary>Teams asks for a retry of a 412 too (protocol brief, rate limits).</summary>
    internal static bool IsTransient(HttpStatusCode status) =>
        status == HttpStatusCode.PreconditionFailed || TransientHttp.IsTransient(status);

    private readonly TeamsOptions _options = options.Value;

    /// <summary>Sends into a conversation as part of a turn: may wait briefly for a rate-limit permit.</summary>
    public Task<ConnectorResult> SendAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken) =>
        CallAsync(HttpMethod.Post, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities", Send(conversationId, activity, proactive: false), activity, _options.MaxInlineRetryDelay, cancellationToken);

    /// <summary>
    /// Sends a proactive (outbox) message, waiting up to <see cref="TeamsOptions.MaxProactiveLimiterWait"/> for a
    /// rate-limit permit; without one by then, it comes back as retry-later, <see cref="ConnectorResult.LimitedHere"/>.
    /// </summary>
    public Task<ConnectorResult> SendProactiveAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken) =>
        CallAsync(HttpMethod.Post, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities", Send(conversationId, activity, proactive: true), activity, _options.MaxProactiveLimiterWait, cancellationToken);

    public Task<ConnectorResult> ReplyAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken) =>
        CallAsync(HttpMethod.Post, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(replyToId)}", Send(conversationId, activity, proactive: false), activity, _options.MaxInlineRetryDelay, cancellationToken);

    public Task<ConnectorResult> UpdateAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        activity.Id = activityId;
        return CallAsync(HttpMethod.Put, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", Send(conversationId, activity, proactive: false), activity, _options.MaxInlineRetryDelay, cancellationToken);
    }

    public Task<ConnectorResult> DeleteAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken) =>
        CallAsync(HttpMethod.Delete, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", Send(conversationId, null, proactive: false), null, _options.MaxInlineRetryDelay, cancellationToken);

    /// <summary>
    /// Creates (or finds: Teams returns the existing one) the 1:1 conversation between the bot and a member,
    /// for a proactive message. Needs the member's Teams user id and tenant; the app must be installed for them.
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
        var result = await CallAsync(HttpMethod.Post, serviceUrl, "v3/conversations", new TeamsSend("create:" + tenantId, tenantId), body, TimeSpan.Zero, cancellationToken);
        return result.IsOk ? result with { ConversationId = result.Id } : result;
    }

    private static TeamsSend Send(string conversationId, Activity? activity, bool proactive) =>
        new(conversationId, proactive ? activity?.Conversation?.TenantId ?? string.Empty : null);

    private async Task<ConnectorResult> CallAsync(HttpMethod method, string serviceUrl, string path, TeamsSend send, object? body, TimeSpan maxLimiterWait, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(WithTrailingSlash(serviceUrl), UriKind.Absolute, out var baseUri) ||
            (baseUri.Scheme != Uri.UriSchemeHttps && baseUri.Scheme != Uri.UriSchemeHttp))
        {
            return new ConnectorResult(ConnectorOutcome.Rejected, Error: $"Bad service URL '{serviceUrl}'.");
        }

        var uri = new Uri(baseUri, path);
        // Checked before anything is asked of the token authority or the rate limiter.
        if (tokens.IssuesTokens && (!_options.IsTrustedServiceUrl(uri) || uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback))
        {
            LogUntrustedServiceUrl(logger, uri.Host);
            return new ConnectorResult(ConnectorOutcome.Rejected, Error: $"Service URL host '{uri.Host}' is not trusted (Teams:TrustedServiceUrlHosts).");
        }

        if (await rateLimits.AcquireAsync(send, maxLimiterWait, cancellationToken) is { } wait)
        {
            return new ConnectorResult(ConnectorOutcome.RetryLater, RetryAfter: wait, Error: "Teams rate limit reached (this instance's share).") { LimitedHere = true };
        }

        using var request = new HttpRequestMessage(method, uri);
        // A paced (proactive) send's 429 goes back to the outbox, whose resend takes a rate-limit permit again.
        request.Options.Set(TransientHttp.ThrottlingGoesBack, send.Tenant is not null);
        if (await tokens.GetTokenAsync(cancellationToken) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: ActivityJson.Options);
        }

        try
        {
            // The named client retries transient answers a few times, briefly (see AddSalesBotTeams).
            using var response = await httpClients.CreateClient(TeamsHttpClients.Connector).SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return new ConnectorResult(ConnectorOutcome.Ok, await ReadIdAsync(response, cancellationToken));
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var error = $"{(int)response.StatusCode} {Shorten(text)}";
            LogCallFailed(logger, method.Method, uri.AbsolutePath, (int)response.StatusCode, CorrelationId(response), Shorten(text));
            return IsTransient(response.StatusCode)
                ? new ConnectorResult(ConnectorOutcome.RetryLater, RetryAfter: TransientHttp.RetryAfter(response, time), Error: error)
                : new ConnectorResult(ConnectorOutcome.Rejected, Error: error);
        }
        catch (Exception ex) when (TransientHttp.IsTransient(ex) || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogCallBroke(logger, method.Method, uri.AbsolutePath, ex.Message);
            return new ConnectorResult(ConnectorOutcome.RetryLater, Error: ex.Message);
        }
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

    [LoggerMessage(EventId = 3202, Level = LogLevel.Warning, Message = "Connector {Method} {Path} failed after the inline retries: {Error}")]
    private static partial void LogCallBroke(ILogger logger, string method, string path, string error);
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
