using SalesBot.Channels.Http;

namespace SalesBot.Channels.Slack;

/// <summary>
/// Configuration section <c>Slack</c>. Slack is enabled only when <see cref="SigningSecret"/> is set;
/// without it every Slack request is refused (401) and the rest of the bot runs as usual.
/// </summary>
public sealed class SlackOptions
{
    public const string Section = "Slack";

    /// <summary>The app's signing secret (Basic Information page). Empty means "refuse everything".</summary>
    public string SigningSecret { get; set; } = string.Empty;

    /// <summary>A single workspace's bot token (<c>xoxb-…</c>); optional when workspaces install through OAuth.</summary>
    public string BotToken { get; set; } = string.Empty;

    /// <summary>OAuth v2 client id, for the multi-workspace install flow.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>OAuth v2 client secret, for the multi-workspace install flow.</summary>
    public string ClientSecret { get; set; } = string.Empty;

    /// <summary>Slack Web API base; tests point this at a local server.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://slack.com/api/");

    /// <summary>How far a request's timestamp may be from now before it is refused as a replay.</summary>
    public TimeSpan SignatureWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest request body accepted; bigger ones get 413 before being verified.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// How long a request may spend on inline work (opening a modal, validating a submission) before
    /// the rest moves to the background; Slack gives up after 3 seconds.
    /// </summary>
    public TimeSpan InlineBudget { get; set; } = TimeSpan.FromMilliseconds(2300);

    /// <summary>Upper bound for one piece of background work (one turn and its replies).</summary>
    public TimeSpan BackgroundWorkTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How many times the Web API client retries a throttled or transient answer in-process before giving up on a call.</summary>
    public int MaxRateLimitRetries { get; set; } = 2;

    /// <summary>
    /// A 429 (or a rate-limit permit) asking to wait longer than this is not waited out inline but reported
    /// to the caller (the outbox reschedules); outbox posts never wait for a permit.
    /// </summary>
    public TimeSpan MaxInlineRetryWait { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>First inline backoff when the answer has no <c>Retry-After</c> (doubled each retry, jittered).</summary>
    public TimeSpan InlineRetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>One Web API attempt is abandoned (and counts as transient) after this long.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The inline retry policy of the Web API's HTTP client.</summary>
    public InlineRetryPolicy InlineRetries => new()
    {
        MaxRetries = MaxRateLimitRetries,
        MaxDelay = MaxInlineRetryWait,
        BaseDelay = InlineRetryBaseDelay,
        AttemptTimeout = AttemptTimeout,
    };

    public bool Enabled => !string.IsNullOrWhiteSpace(SigningSecret);
}
