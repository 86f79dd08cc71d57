namespace SalesBot.Channels.Slack.WebApi;

/// <summary>
/// Slack's documented rate-limit tiers for the methods the bot calls (per method, app and workspace
/// per minute: tier 2 = 20, tier 3 = 50, tier 4 = 100). <c>chat.postMessage</c> is limited per channel
/// to about one a second, with short bursts.
/// </summary>
internal static class SlackMethodTiers
{
    public sealed record Limit(int Burst, double PerSecond, bool PerChannel = false);

    private static readonly Limit Tier2 = new(20, 20 / 60.0);
    private static readonly Limit Tier3 = new(50, 50 / 60.0);
    private static readonly Limit Tier4 = new(100, 100 / 60.0);

    public static Limit For(string method) => method switch
    {
        "chat.postMessage" => new Limit(5, 1, PerChannel: true),
        "chat.update" => Tier3,
        "conversations.open" => Tier3,
        "views.open" or "views.publish" or "users.info" => Tier4,
        "auth.test" => new Limit(100, 10),
        "oauth.v2.access" => Tier4,
        _ => Tier2,
    };
}
