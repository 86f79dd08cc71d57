using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace SalesBot.Channels.Teams.Tests.Infrastructure;

/// <summary>A small Kestrel app on 127.0.0.1 with a free port, stopped when disposed.</summary>
public abstract class LoopbackServer : IAsyncDisposable
{
    private WebApplication? _app;

    public Uri BaseUrl { get; private set; } = null!;

    protected async Task StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        BaseUrl = new Uri(app.Urls.First().TrimEnd('/') + "/");
        _app = app;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            // Bounded: a request left hanging by a failed test must not hold the test run.
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _app.StopAsync(stopping.Token);
            await _app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
