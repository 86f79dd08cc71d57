namespace SalesBot.Channels.Slack.WebApi;

/// <summary>
/// Slack's documented rate limits for the methods the bot calls: per method, app and workspace per
/// minute (tier 2 = 20, tier 3 = 50, tier 4 = 100), and <c>chat.postMessage</c> about one a second per
/// channel with short bursts (five in any five seconds here), under a workspace cap of a few hundred a minute.
/// </summary>
internal static class SlackMethodTiers
{
    public const int Tier2 = 20;
    public const int Tier3 = 50;
    public const int Tier4 = 100;

    /// <summary>Posts into one channel: a burst of five, then one a second.</summary>
    public static readonly (int Limit, TimeSpan Window) PostsPerChannel = (5, TimeSpan.FromSeconds(5));

    /// <summary>Every value <see cref="PerMinute"/> takes.</summary>
    public static readonly IReadOnlyList<int> PerMinuteLimits = [Tier2, Tier3, Tier4, 300, 600];

    /// <summary>Calls of <paramref name="method"/> a workspace allows the app in a minute.</summary>
    public static int PerMinute(string method) => method switch
    {
        "chat.postMessage" => 300,
        "chat.update" or "conversations.open" or "conversations.history" => Tier3,
        "views.open" or "views.publish" or "chat.postEphemeral" or "users.info" or "oauth.v2.access" => Tier4,
        "auth.test" => 600,
        _ => Tier2,
    };
}
