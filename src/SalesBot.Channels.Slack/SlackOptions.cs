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

    /// <summary>How many 429 answers the Web API client waits out before giving up on a call.</summary>
    public int MaxRateLimitRetries { get; set; } = 3;

    /// <summary>A 429 asking to wait longer than this is not waited out inline but reported to the caller.</summary>
    public TimeSpan MaxInlineRetryWait { get; set; } = TimeSpan.FromSeconds(30);

    public bool Enabled => !string.IsNullOrWhiteSpace(SigningSecret);
}
