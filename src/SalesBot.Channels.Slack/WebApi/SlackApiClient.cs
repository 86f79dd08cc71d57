using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesBot.Channels.Slack.Installations;
using SalesBot.Channels.Http;
using SalesBot.Conversations.Ports;

namespace SalesBot.Channels.Slack.WebApi;

/// <summary>
/// The Slack Web API methods the bot uses. Each call takes a permit from <see cref="SlackRateLimits"/>
/// first (waiting at most <see cref="SlackOptions.MaxInlineRetryWait"/>; outbox posts not at all). The
/// named HTTP client's resilience handler retries throttled and transient answers a few times, briefly,
/// honouring <c>Retry-After</c>; what is left becomes a <see cref="SlackRateLimitedException"/> or a
/// non-permanent <see cref="SlackApiException"/> carrying the server's <c>Retry-After</c>, and
/// <c>ok:false</c> a <see cref="SlackApiException"/> carrying Slack's error code.
/// </summary>
public sealed partial class SlackApiClient
{
    public const string HttpClientName = "SalesBot.Slack";

    private readonly IHttpClientFactory _httpClients;
    private readonly SlackBotTokens _tokens;
    private readonly SlackRateLimits _limits;
    private readonly TimeProvider _time;
    private readonly IOptions<SlackOptions> _options;
    private readonly ILogger<SlackApiClient> _logger;

    public SlackApiClient(IHttpClientFactory httpClients, SlackBotTokens tokens, SlackRateLimits limits, TimeProvider time,
        IOptions<SlackOptions> options, ILogger<SlackApiClient> logger)
    {
        _httpClients = httpClients;
        _tokens = tokens;
        _limits = limits;
        _time = time;
        _options = options;
        _logger = logger;
    }

    /// <summary>Posts a message as part of a turn, waiting briefly for a rate-limit permit; returns its <c>ts</c>.</summary>
    public Task<string> PostMessageAsync(string teamId, string channel, JsonObject message, CancellationToken cancellationToken = default) =>
        PostAsync(teamId, channel, message, _options.Value.MaxInlineRetryWait, cancellationToken);

    /// <summary>
    /// Posts an outbox message: without a rate-limit permit at once, or still throttled after the short
    /// inline retries, it throws <see cref="SlackRateLimitedException"/> (the outbox retries durably instead).
    /// </summary>
    public Task<string> PostMessageOnceAsync(string teamId, string channel, JsonObject message, CancellationToken cancellationToken = default) =>
        PostAsync(teamId, channel, message, TimeSpan.Zero, cancellationToken);

    /// <summary>
    /// Whether a message posted to <paramref name="channel"/> since <paramref name="since"/> (the newest 50)
    /// carries <paramref name="eventType"/> metadata whose payload <c>key</c> is <paramref name="key"/>: its
    /// <c>ts</c> ("" if Slack left it out), or null when there is none.
    /// </summary>
    public async Task<string?> FindPostWithMetadataAsync(string teamId, string channel, string eventType, string key, DateTimeOffset since,
        CancellationToken cancellationToken = default)
    {
        var args = new JsonObject
        {
            ["channel"] = channel,
            ["limit"] = "50",
            ["include_all_metadata"] = "true",
            ["oldest"] = since.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var response = await CallAsync(teamId, "conversations.history", args, channel, TimeSpan.Zero, cancellationToken, asForm: true);
        var found = response["messages"]?.AsArray().FirstOrDefault(m =>
            m?["metadata"] is { } metadata
            && metadata["event_type"]?.GetValue<string>() == eventType
            && metadata["event_payload"]?["key"]?.GetValue<string>() == key);
        return found is null ? null : found["ts"]?.GetValue<string>() ?? string.Empty;
    }

    /// <summary>Shows a message in <paramref name="channel"/> to <paramref name="userId"/> alone (not kept by Slack after a reload).</summary>
    public async Task PostEphemeralAsync(string teamId, string channel, string userId, JsonObject message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var args = (JsonObject)message.DeepClone();
        args["channel"] = channel;
        args["user"] = userId;
        await CallAsync(teamId, "chat.postEphemeral", args, channel, _options.Value.MaxInlineRetryWait, cancellationToken);
    }

    public async Task UpdateMessageAsync(string teamId, string channel, string ts, JsonObject message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var args = (JsonObject)message.DeepClone();
        args["channel"] = channel;
        args["ts"] = ts;
        await CallAsync(teamId, "chat.update", args, channel, _options.Value.MaxInlineRetryWait, cancellationToken);
    }

    /// <summary>The id of the bot's direct-message channel with <paramref name="userId"/>.</summary>
    public async Task<string> OpenConversationAsync(string teamId, string userId, CancellationToken cancellationToken = default)
    {
        var response = await CallAsync(teamId, "conversations.open", new JsonObject { ["users"] = userId }, null, _options.Value.MaxInlineRetryWait, cancellationToken);
        return response["channel"]?["id"]?.GetValue<string>() ?? throw new SlackApiException("conversations.open", "no_channel_in_response");
    }

    public async Task<string?> OpenViewAsync(string teamId, string triggerId, JsonObject view, CancellationToken cancellationToken = default)
    {
        var response = await CallAsync(teamId, "views.open", new JsonObject { ["trigger_id"] = triggerId, ["view"] = view }, null, _options.Value.MaxInlineRetryWait, cancellationToken);
        return response["view"]?["id"]?.GetValue<string>();
    }

    public Task PublishHomeAsync(string teamId, string userId, JsonObject view, CancellationToken cancellationToken = default) =>
        CallAsync(teamId, "views.publish", new JsonObject { ["user_id"] = userId, ["view"] = view }, null, _options.Value.MaxInlineRetryWait, cancellationToken);

    /// <summary>A member's profile: their IANA time zone and display name.</summary>
    public async Task<SlackUser> GetUserAsync(string teamId, string userId, CancellationToken cancellationToken = default)
    {
        var response = await CallAsync(teamId, "users.info", new JsonObject { ["user"] = userId }, null, _options.Value.MaxInlineRetryWait, cancellationToken, asForm: true);
        var user = response["user"];
        var name = user?["profile"]?["display_name"]?.GetValue<string>() is { Length: > 0 } display
            ? display
            : user?["real_name"]?.GetValue<string>() ?? user?["name"]?.GetValue<string>();
        return new SlackUser(userId, name, user?["tz"]?.GetValue<string>(), user?["is_bot"]?.GetValue<bool>() ?? false);
    }

    /// <summary>Who the token belongs to: the bot's user id and workspace.</summary>
    public async Task<SlackIdentity> AuthTestAsync(string teamId, CancellationToken cancellationToken = default)
    {
        var response = await CallAsync(teamId, "auth.test", [], null, _options.Value.MaxInlineRetryWait, cancellationToken, asForm: true);
        return new SlackIdentity(
            response["team_id"]?.GetValue<string>() ?? teamId,
            response["user_id"]?.GetValue<string>(),
            response["bot_id"]?.GetValue<string>());
    }

    /// <summary>Exchanges an OAuth v2 code for the workspace's bot token.</summary>
    public async Task<ChannelInstallation> ExchangeOAuthCodeAsync(string code, Uri? redirectUri, CancellationToken cancellationToken = default)
    {
        var options = _options.Value;
        var args = new JsonObject { ["code"] = code, ["client_id"] = options.ClientId, ["client_secret"] = options.ClientSecret };
        if (redirectUri is not null)
        {
            args["redirect_uri"] = redirectUri.ToString();
        }

        var response = await SendAsync(new SlackCall("oauth", "oauth.v2.access", null), args, token: null, asForm: true, options.MaxInlineRetryWait, cancellationToken);
        var teamId = response["team"]?["id"]?.GetValue<string>() ?? throw new SlackApiException("oauth.v2.access", "no_team_in_response");
        return new ChannelInstallation(
            Conversations.Messages.Channels.Slack,
            teamId,
            response["team"]?["name"]?.GetValue<string>(),
            response["access_token"]?.GetValue<string>() ?? throw new SlackApiException("oauth.v2.access", "no_token_in_response"),
            response["bot_user_id"]?.GetValue<string>(),
            response["app_id"]?.GetValue<string>(),
            _time.GetUtcNow());
    }

    private async Task<string> PostAsync(string teamId, string channel, JsonObject message, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var args = (JsonObject)message.DeepClone();
        args["channel"] = channel;
        var response = await CallAsync(teamId, "chat.postMessage", args, channel, maxWait, cancellationToken);
        return response["ts"]?.GetValue<string>() ?? string.Empty;
    }

    private async Task<JsonNode> CallAsync(string teamId, string method, JsonObject args, string? channel, TimeSpan maxWait, CancellationToken cancellationToken,
        bool asForm = false)
    {
        var token = await _tokens.GetAsync(teamId, cancellationToken);
        return await SendAsync(new SlackCall(teamId, method, channel), args, token, asForm, maxWait, cancellationToken);
    }

    private async Task<JsonNode> SendAsync(SlackCall call, JsonObject args, string? token, bool asForm, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var method = call.Method;
        if (await _limits.AcquireAsync(call, maxWait, cancellationToken) is { } wait)
        {
            LogGaveUpOnRateLimit(_logger, method, call.Team, wait.TotalSeconds);
            throw new SlackRateLimitedException(method, wait);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_options.Value.ApiBaseUrl, method)) { Content = Body(args, asForm) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        HttpResponseMessage response;
        try
        {
            // The named client retries throttled and transient answers a few times, briefly (see AddSalesBotSlack).
            response = await _httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (TransientHttp.IsTransient(ex) || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogFailed(_logger, method, call.Team, ex.Message);
            throw new SlackApiException(method, SlackApiException.RequestFailed, ex.Message);
        }

        using (response)
        {
            var retryAfter = TransientHttp.RetryAfter(response, _time);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                throw RateLimited(call, retryAfter ?? TimeSpan.FromSeconds(1));
            }

            if (!response.IsSuccessStatusCode)
            {
                var error = $"http_{(int)response.StatusCode}";
                LogFailed(_logger, method, call.Team, error);
                throw new SlackApiException(method, error, retryAfter: TransientHttp.IsTransient(response.StatusCode) ? retryAfter : null);
            }

            var json = await JsonNode.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken)
                       ?? throw new SlackApiException(method, "empty_response");
            if (json["ok"]?.GetValue<bool>() != true)
            {
                var error = json["error"]?.GetValue<string>() ?? "unknown_error";
                if (error == "ratelimited")
                {
                    throw RateLimited(call, retryAfter ?? TimeSpan.FromSeconds(1));
                }

                LogFailed(_logger, method, call.Team, error);
                throw new SlackApiException(method, error, Detail(json));
            }

            return json;
        }
    }

    /// <summary>Slack's other way of throttling: HTTP 200 with <c>{"ok":false,"error":"ratelimited"}</c>.</summary>
    internal static async ValueTask<bool> IsRateLimitedAnswerAsync(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return false;
        }

        await response.Content.LoadIntoBufferAsync();
        var text = await response.Content.ReadAsStringAsync();
        if (!text.Contains("\"ratelimited\"", StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            return JsonNode.Parse(text)?["error"]?.GetValue<string>() == "ratelimited";
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    private SlackRateLimitedException RateLimited(SlackCall call, TimeSpan retryAfter)
    {
        _limits.HoldOff(call, retryAfter);
        LogGaveUpOnRateLimit(_logger, call.Method, call.Team, retryAfter.TotalSeconds);
        return new SlackRateLimitedException(call.Method, retryAfter);
    }

    private static HttpContent Body(JsonObject args, bool asForm)
    {
        if (!asForm)
        {
            return new StringContent(args.ToJsonString(), Encoding.UTF8, "application/json");
        }

        var pairs = args.Select(p => new KeyValuePair<string, string>(
            p.Key,
            p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : p.Value?.ToJsonString() ?? string.Empty));
        return new FormUrlEncodedContent(pairs);
    }

    private static string? Detail(JsonNode json)
    {
        var messages = json["response_metadata"]?["messages"]?.AsArray();
        return messages is null || messages.Count == 0 ? null : string.Join("; ", messages.Select(m => m?.ToString()));
    }

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Slack {Method} still rate limited for team {TeamId} (retry after {Seconds} s); giving up for now")]
    private static partial void LogGaveUpOnRateLimit(ILogger logger, string method, string teamId, double seconds);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Slack {Method} failed for team {TeamId}: {Error}")]
    private static partial void LogFailed(ILogger logger, string method, string teamId, string error);
}

public sealed record SlackUser(string Id, string? Name, string? TimeZone, bool IsBot);

public sealed record SlackIdentity(string TeamId, string? BotUserId, string? BotId);
