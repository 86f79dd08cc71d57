using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesBot.Channels.Slack.Installations;
using SalesBot.Conversations.Ports;

namespace SalesBot.Channels.Slack.WebApi;

/// <summary>
/// The Slack Web API methods the bot uses. Calls are paced per workspace and method, a 429 is waited
/// out (its <c>Retry-After</c>, a bounded number of times), and <c>ok:false</c> becomes a
/// <see cref="SlackApiException"/> carrying Slack's error code.
/// </summary>
public sealed partial class SlackApiClient
{
    public const string HttpClientName = "SalesBot.Slack";

    private readonly IHttpClientFactory _httpClients;
    private readonly SlackBotTokens _tokens;
    private readonly SlackRateLimiter _limiter;
    private readonly TimeProvider _time;
    private readonly IOptions<SlackOptions> _options;
    private readonly ILogger<SlackApiClient> _logger;

    public SlackApiClient(IHttpClientFactory httpClients, SlackBotTokens tokens, SlackRateLimiter limiter, TimeProvider time,
        IOptions<SlackOptions> options, ILogger<SlackApiClient> logger)
    {
        _httpClients = httpClients;
        _tokens = tokens;
        _limiter = limiter;
        _time = time;
        _options = options;
        _logger = logger;
    }

    /// <summary>Posts a message, waiting out a short 429; returns its <c>ts</c>.</summary>
    public Task<string> PostMessageAsync(string teamId, string channel, JsonObject message, CancellationToken cancellationToken = default) =>
        PostAsync(teamId, channel, message, null, cancellationToken);

    /// <summary>Posts a message; a 429 is thrown at once as <see cref="SlackRateLimitedException"/> (the outbox retries durably instead).</summary>
    public Task<string> PostMessageOnceAsync(string teamId, string channel, JsonObject message, CancellationToken cancellationToken = default) =>
        PostAsync(teamId, channel, message, 0, cancellationToken);

    public async Task UpdateMessageAsync(string teamId, string channel, string ts, JsonObject message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var args = (JsonObject)message.DeepClone();
        args["channel"] = channel;
        args["ts"] = ts;
        await CallAsync(teamId, "chat.update", args, channel, cancellationToken);
    }

    /// <summary>The id of the bot's direct-message channel with <paramref name="userId"/>.</summary>
    public async Task<string> OpenConversationAsync(string teamId, string userId, CancellationToken cancellationToken = default)
    {
        var response = await CallAsync(teamId, "conversations.open", new JsonObject { ["users"] = userId }, null, cancellationToken);
        return response["channel"]?["id"]?.GetValue<string>() ?? throw new SlackApiException("conversations.open", "no_channel_in_response");
    }

    public async Task<string?> OpenViewAsync(string teamId, string triggerId, JsonObject view, CancellationToken cancellationToken = default)
    {
        var response = await CallAsync(teamId, "views.open", new JsonObject { ["trigger_id"] = triggerId, ["view"] = view }, null, cancellationToken);
        return response["view"]?["id"]?.GetValue<string>();
    }

    public Task PublishHomeAsync(string teamId, string userId, JsonObject view, CancellationToken cancellationToken = default) =>
        CallAsync(teamId, "views.publish", new JsonObject { ["user_id"] = userId, ["view"] = view }, null, cancellationToken);

    /// <summary>A member's profile: their IANA time zone and display name.</summary>
    public async Task<SlackUser> GetUserAsync(string teamId, string userId, CancellationToken cancellationToken = default)
    {
        var response = await CallAsync(teamId, "users.info", new JsonObject { ["user"] = userId }, null, cancellationToken, asForm: true);
        var user = response["user"];
        var name = user?["profile"]?["display_name"]?.GetValue<string>() is { Length: > 0 } display
            ? display
            : user?["real_name"]?.GetValue<string>() ?? user?["name"]?.GetValue<string>();
        return new SlackUser(userId, name, user?["tz"]?.GetValue<string>(), user?["is_bot"]?.GetValue<bool>() ?? false);
    }

    /// <summary>Who the token belongs to: the bot's user id and workspace.</summary>
    public async Task<SlackIdentity> AuthTestAsync(string teamId, CancellationToken cancellationToken = default)
    {
        var response = await CallAsync(teamId, "auth.test", [], null, cancellationToken, asForm: true);
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

        var response = await SendAsync("oauth", "oauth.v2.access", args, null, token: null, asForm: true, cancellationToken);
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

    private async Task<string> PostAsync(string teamId, string channel, JsonObject message, int? retries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var args = (JsonObject)message.DeepClone();
        args["channel"] = channel;
        var response = await CallAsync(teamId, "chat.postMessage", args, channel, cancellationToken, retries: retries);
        return response["ts"]?.GetValue<string>() ?? string.Empty;
    }

    private async Task<JsonNode> CallAsync(string teamId, string method, JsonObject args, string? channel, CancellationToken cancellationToken,
        bool asForm = false, int? retries = null)
    {
        var token = await _tokens.GetAsync(teamId, cancellationToken);
        return await SendAsync(teamId, method, args, channel, token, asForm, cancellationToken, retries);
    }

    private async Task<JsonNode> SendAsync(string teamId, string method, JsonObject args, string? channel, string? token, bool asForm,
        CancellationToken cancellationToken, int? retries = null)
    {
        var options = _options.Value;
        var maxRetries = retries ?? options.MaxRateLimitRetries;
        var client = _httpClients.CreateClient(HttpClientName);
        for (var attempt = 0; ; attempt++)
        {
            await _limiter.WaitAsync(teamId, method, channel, cancellationToken);
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.ApiBaseUrl, method)) { Content = Body(args, asForm) };
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await client.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var retryAfter = RetryAfter(response);
                _limiter.Penalize(teamId, method, retryAfter);
                if (attempt >= maxRetries || retryAfter > options.MaxInlineRetryWait)
                {
                    LogGaveUpOnRateLimit(_logger, method, teamId, retryAfter.TotalSeconds);
                    throw new SlackRateLimitedException(method, retryAfter);
                }

                LogRateLimited(_logger, method, teamId, retryAfter.TotalSeconds);
                await Task.Delay(retryAfter, _time, cancellationToken);
                continue;
            }

            response.EnsureSuccessStatusCode();
            var json = await JsonNode.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken)
                       ?? throw new SlackApiException(method, "empty_response");
            if (json["ok"]?.GetValue<bool>() != true)
            {
                var error = json["error"]?.GetValue<string>() ?? "unknown_error";
                LogFailed(_logger, method, teamId, error);
                throw new SlackApiException(method, error, Detail(json));
            }

            return json;
        }
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

    private static TimeSpan RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        return TimeSpan.FromSeconds(1);
    }

    private static string? Detail(JsonNode json)
    {
        var messages = json["response_metadata"]?["messages"]?.AsArray();
        return messages is null || messages.Count == 0 ? null : string.Join("; ", messages.Select(m => m?.ToString()));
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Slack {Method} rate limited for team {TeamId}; retrying after {Seconds} s")]
    private static partial void LogRateLimited(ILogger logger, string method, string teamId, double seconds);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Slack {Method} still rate limited for team {TeamId} (retry after {Seconds} s); giving up for now")]
    private static partial void LogGaveUpOnRateLimit(ILogger logger, string method, string teamId, double seconds);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Slack {Method} failed for team {TeamId}: {Error}")]
    private static partial void LogFailed(ILogger logger, string method, string teamId, string error);
}

public sealed record SlackUser(string Id, string? Name, string? TimeZone, bool IsBot);

public sealed record SlackIdentity(string TeamId, string? BotUserId, string? BotId);
