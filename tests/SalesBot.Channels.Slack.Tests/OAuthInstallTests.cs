using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SalesBot.Channels.Slack.Tests.Infrastructure;
using SalesBot.Conversations.Ports;
using SalesBot.Storage.Sqlite;

namespace SalesBot.Channels.Slack.Tests;

public sealed class OAuthInstallTests : IAsyncLifetime
{
    private FakeSlackApi _api = null!;
    private SlackApp _app = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeSlackApi.StartAsync();
        _app = await SlackApp.StartAsync(_api, new Dictionary<string, string?>
        {
            ["Slack:BotToken"] = "",
            ["Slack:ClientId"] = "111.222",
            ["Slack:ClientSecret"] = "client-secret",
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task Installing_through_oauth_stores_the_workspaces_token_durably_and_uses_it()
    {
        var install = await _app.Client.GetAsync(new Uri("/slack/install", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, install.StatusCode);
        var authorize = install.Headers.Location!.ToString();
        Assert.StartsWith("https://slack.com/oauth/v2/authorize?client_id=111.222&scope=", authorize, StringComparison.Ordinal);
        var state = authorize[(authorize.IndexOf("&state=", StringComparison.Ordinal) + 7)..];
        var cookie = install.Headers.GetValues("Set-Cookie").Single().Split(';')[0];

        using var callback = new HttpRequestMessage(HttpMethod.Get, $"/slack/oauth/callback?code=code-123&state={state}");
        callback.Headers.Add("Cookie", cookie);
        var done = await _app.Client.SendAsync(callback);

        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("installed in Other Co", await done.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var exchange = Assert.Single(_api.CallsTo("oauth.v2.access"));
        Assert.Equal("code-123", exchange.Arg("code"));
        var stored = await _app.Services.GetRequiredService<IInstallationStore>().FindAsync(Conversations.Messages.Channels.Slack, "T0OTHER");
        Assert.IsType<SqliteInstallationStore>(_app.Services.GetRequiredService<IInstallationStore>());
        Assert.Equal("xoxb-installed-token", stored!.BotToken);
        Assert.DoesNotContain("xoxb", stored.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_callback_without_the_matching_state_installs_nothing()
    {
        var response = await _app.Client.GetAsync(new Uri("/slack/oauth/callback?code=code-123&state=forged", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_api.Calls);
        Assert.Null(await _app.Services.GetRequiredService<IInstallationStore>().FindAsync(Conversations.Messages.Channels.Slack, "T0OTHER"));
    }
}
