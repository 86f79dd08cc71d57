namespace SalesBot.Channels.Slack.Tests.Infrastructure;

/// <summary>A test class with the Host running Slack against its own local Slack Web API.</summary>
public abstract class SlackAppTest : IAsyncLifetime
{
    protected FakeSlackApi Api { get; private set; } = null!;

    protected SlackApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Api = await FakeSlackApi.StartAsync();
        App = await SlackApp.StartAsync(Api);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Api.DisposeAsync();
    }
}
