namespace SalesBot.Channels.Slack.WebApi;

/// <summary>Slack answered <c>ok:false</c>; <see cref="Error"/> is Slack's error code, e.g. <c>channel_not_found</c>.</summary>
public class SlackApiException(string method, string error, string? detail = null)
    : Exception($"Slack {method} failed: {error}{(detail is null ? string.Empty : " (" + detail + ")")}")
{
    public string Method { get; } = method;

    public string Error { get; } = error;

    /// <summary>Errors after which retrying the same call can never succeed.</summary>
    public bool IsPermanent => Error is "channel_not_found" or "not_in_channel" or "is_archived" or "account_inactive"
        or "invalid_auth" or "token_revoked" or "not_authed" or "missing_scope" or "not_installed" or "user_not_found"
        or "cannot_dm_bot" or "invalid_blocks" or "msg_too_long" or "invalid_arguments" or "team_access_not_granted";
}

/// <summary>Slack kept answering 429; try again after <see cref="RetryAfter"/>.</summary>
public sealed class SlackRateLimitedException(string method, TimeSpan retryAfter)
    : SlackApiException(method, "ratelimited", $"retry after {retryAfter.TotalSeconds:0} s")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
