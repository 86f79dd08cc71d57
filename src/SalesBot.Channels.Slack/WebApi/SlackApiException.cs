namespace SalesBot.Channels.Slack.WebApi;

/// <summary>
/// Slack answered <c>ok:false</c> (<see cref="Error"/> is Slack's error code, e.g. <c>channel_not_found</c>),
/// answered with an HTTP error (<c>http_503</c>), or could not be reached (<c>request_failed</c>).
/// <see cref="RetryAfter"/> is the server's <c>Retry-After</c>, when it sent one.
/// </summary>
public class SlackApiException(string method, string error, string? detail = null, TimeSpan? retryAfter = null)
    : Exception($"Slack {method} failed: {error}{(detail is null ? string.Empty : " (" + detail + ")")}")
{
    public const string RequestFailed = "request_failed";

    public string Method { get; } = method;

    public string Error { get; } = error;

    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>
    /// Errors after which retrying the same call can never succeed: Slack's own, and HTTP 400, 401, 403
    /// and 404. Throttling, 5xx and network failures are not.
    /// </summary>
    public bool IsPermanent => Error is "channel_not_found" or "not_in_channel" or "is_archived" or "account_inactive"
        or "invalid_auth" or "token_revoked" or "not_authed" or "missing_scope" or "not_installed" or "user_not_found"
        or "cannot_dm_bot" or "invalid_blocks" or "msg_too_long" or "invalid_arguments" or "team_access_not_granted"
        or "http_400" or "http_401" or "http_403" or "http_404";
}

/// <summary>Slack throttled the call (429 or <c>ratelimited</c>), or this instance's share of its limits is spent; try again after <see cref="RetryAfter"/>.</summary>
public sealed class SlackRateLimitedException(string method, TimeSpan retryAfter)
    : SlackApiException(method, "ratelimited", $"retry after {retryAfter.TotalSeconds:0.#} s", retryAfter)
{
    public new TimeSpan RetryAfter { get; } = retryAfter;
}
