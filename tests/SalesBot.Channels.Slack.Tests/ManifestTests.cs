using System.Text.RegularExpressions;
using SalesBot.Channels.Slack.Inbound;

namespace SalesBot.Channels.Slack.Tests;

public sealed partial class ManifestTests
{
    private static readonly string Folder = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "manifests", "slack"));

    [Fact]
    public void The_committed_manifest_is_the_template_rendered_for_the_example_base_url()
    {
        var rendered = File.ReadAllLines(Path.Combine(Folder, "manifest.template.yaml"))
            .Where(l => !l.StartsWith('#'))
            .Select(l => l.Replace("${BASE_URL}", "https://salesbot.example.com", StringComparison.Ordinal));
        var committed = File.ReadAllLines(Path.Combine(Folder, "manifest.yaml")).Where(l => !l.StartsWith('#'));

        Assert.Equal(rendered, committed);
    }

    [Fact]
    public void Every_url_in_the_manifest_is_an_endpoint_salesbot_maps()
    {
        var urls = Url().Matches(File.ReadAllText(Path.Combine(Folder, "manifest.template.yaml"))).Select(m => m.Groups[1].Value).ToHashSet();

        Assert.Equal(["/slack/commands", "/slack/events", "/slack/interactivity", "/slack/oauth/callback"], urls.Order());
    }

    [Fact]
    public void Every_slash_command_in_the_manifest_means_something_to_the_bot()
    {
        var commands = Command().Matches(File.ReadAllText(Path.Combine(Folder, "manifest.template.yaml"))).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(["/checkin", "/win", "/reflect", "/salesbot"], commands);
        Assert.Equal(["check in", "win", "reflect", "help"], commands.Select(c => SlashCommandText.ToCommand(c, string.Empty)));
    }

    [Fact]
    public void The_oauth_install_asks_for_exactly_the_manifests_bot_scopes()
    {
        var text = File.ReadAllText(Path.Combine(Folder, "manifest.template.yaml"));
        var block = text[text.IndexOf("    bot:", StringComparison.Ordinal)..text.IndexOf("settings:", StringComparison.Ordinal)];
        var scopes = Scope().Matches(block).Select(m => m.Groups[1].Value);

        Assert.Equal(SlackOAuthHandler.BotScopes.Split(','), scopes);
    }

    [Fact]
    public void The_bot_may_read_the_history_of_every_kind_of_conversation_it_posts_into_so_a_resend_can_find_an_earlier_post()
    {
        var scopes = SlackOAuthHandler.BotScopes.Split(',');

        Assert.Subset(scopes.ToHashSet(), new HashSet<string> { "channels:history", "groups:history", "im:history", "mpim:history" });
    }

    [GeneratedRegex(@"\$\{BASE_URL\}(/[a-z/]+)")]
    private static partial Regex Url();

    [GeneratedRegex(@"- command: (/[a-z]+)")]
    private static partial Regex Command();

    [GeneratedRegex(@"^\s+- ([a-z_:.]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex Scope();
}
